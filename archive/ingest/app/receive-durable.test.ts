import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededIds } from '../../../core/platform/ids';
import type { CallCtx } from '../../../core/records/context';
import { resolveCaller } from '../../../core/records/users';
import type { BlobBatch } from '../../../core/store/blobs/blob-store';
import { openDemoApp, type DemoApp } from '../../../test/helpers/demo-app';
import { tempDir } from '../../../test/helpers/temp-dir';
import { manyObjects0503 } from '../testing/many-objects';
import { receiveAussonderung } from './receive-service';

let app: DemoApp;
let ctx: CallCtx;
const dir = tempDir('eakte-receive-durable-');
beforeAll(async () => {
  app = await openDemoApp();
  ctx = { ...app.app.deps, caller: await resolveCaller(app.app.store.reader, 'archiv') } as CallCtx;
});
afterAll(async () => {
  await app.close();
  dir.remove();
});

const receipts = async () =>
  (await ctx.store.reader.get<{ n: number }>('SELECT count(*) AS n FROM archiv_receipt'))!.n;

/** The context with every blob batch's commit wrapped: `after` runs once the real commit has resolved. */
function withCommit(after: () => Promise<void>): CallCtx {
  const blobs = ctx.store.blobs;
  const batch = (): BlobBatch => {
    const real = blobs.batch();
    return { ...real, commit: async () => (await real.commit(), await after()) };
  };
  return { ...ctx, store: { ...ctx.store, blobs: { ...blobs, batch } } } as CallCtx;
}

describe('receive: blobs durable before the register names them', () => {
  it('commits the receipt only after the last blob batch is durable, though its rows are inserted meanwhile', async () => {
    const p = await manyObjects0503(path.join(dir.path, 'gut'), seededIds(31), { akten: 2, perAkte: 3 });
    const before = await receipts();
    const seenAtCommit: number[] = [];
    const received = await receiveAussonderung(
      withCommit(async () => {
        // Time for a transaction that did not wait for the blobs to commit first (what this test would catch).
        await new Promise((resolve) => setTimeout(resolve, 100));
        seenAtCommit.push(await receipts());
      }),
      { kind: 'path', path: p.folder },
    );
    expect(received.status).toBe('ok');
    expect(seenAtCommit.length).toBeGreaterThan(0);
    // The reader sees committed transactions only: none had committed when the blobs became durable.
    expect(seenAtCommit.every((n) => n === before)).toBe(true);
    expect(await receipts()).toBe(before + 1);
  });

  it('rolls the receipt back when its blobs cannot be made durable', async () => {
    const p = await manyObjects0503(path.join(dir.path, 'kaputt'), seededIds(32), { akten: 2, perAkte: 3 });
    const before = await receipts();
    await expect(
      receiveAussonderung(
        withCommit(async () => {
          throw new Error('fsync failed');
        }),
        { kind: 'path', path: p.folder },
      ),
    ).rejects.toThrow('fsync failed');
    expect(await receipts()).toBe(before);
  });
});
