import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/platform/clock';
import { Connection } from '../../core/store/db';
import { createApp } from '../../host/create-app';
import { startDmsDev, startFaultProxy, type DmsDev, type FaultProxy } from '../../sync/dms-dev';
import { runCycle } from '../../sync';
import { amt21Plan, fillDevRepository, localVersionSet, remoteVersionSet, writeSyncConfig } from '../../sync/testing/harness';
import { copyDemoDataDir, TEST_TODAY } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'eakte.mjs');
/** More than one apply batch of the initial sync (500 documents), so the kill can fall between two. */
const DOCS = 700;

/** `kill -9` of a real `eakte sync run` after the first batch of an initial sync was applied. */
describe('initial sync killed between batches', () => {
  const serverDir = tempDir('eakte-dms-');
  let dms: DmsDev;
  let proxy: FaultProxy;
  let client: { path: string; remove(): void };
  const openClient = () => createApp({ dataDir: client.path, mode: 'cli', clock: fixedClock(TEST_TODAY) });

  beforeAll(async () => {
    dms = await startDmsDev({ dataDir: serverDir.path });
    client = await copyDemoDataDir();
    const app = await openClient();
    const deps = app.deps;
    // Only the DMS's documents are under test: the demo data's own outbox stays local.
    await deps.store.write((tx) => tx.run(`UPDATE outbox SET state = 'done', outcome = 'not_synced'`));
    const plan = await amt21Plan(deps.store.reader);
    await app.close();
    fillDevRepository(dms.repository, plan, { docs: DOCS, bytes: 2_000, perVorgang: DOCS });
    // Slowed a little, so the second batch is still downloading when the first one is applied.
    proxy = await startFaultProxy({ target: dms.url, plan: { seed: 11, delay: 1, delayMaxMs: 30 } });
    writeSyncConfig(client.path, proxy.url, 'clerk');
  });
  afterAll(async () => {
    client.remove();
    await proxy.close();
    await dms.close();
    serverDir.remove();
  });

  it('loses and duplicates nothing when the restarted client finishes the sync', async () => {
    const child = spawn(process.execPath, [bin, 'sync', 'run', '--once', '--data', client.path, '--user', 'sb21'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const db = await Connection.open(join(client.path, 'eakte.sqlite'), 'readonly');
    const mapped = async () => (await db.get<{ n: number }>(`SELECT count(*) AS n FROM sync_object WHERE object_type = 'document'`))?.n ?? 0;
    try {
      for (let i = 0; i < 3000 && (await mapped()) < 500; i++) await sleep(10);
      child.kill('SIGKILL');
      await exited;
      const atKill = await mapped();
      expect(atKill).toBeGreaterThanOrEqual(500);
      expect(atKill).toBeLessThan(DOCS);
      // The change token moves only with the end of the initial sync.
      expect((await db.get<{ change_token: string | null }>('SELECT change_token FROM sync_state'))?.change_token).toBeNull();
    } finally {
      await db.close();
    }

    const reopened = await openClient();
    expect(await runCycle(reopened.deps)).toMatchObject({ ok: true });
    const remote = await remoteVersionSet(dms.url);
    expect(remote.versions).toHaveLength(DOCS);
    const local = (await localVersionSet(reopened.deps)).filter((v) => remote.uuidCounts.has(v.split('|')[0]!));
    expect(local).toEqual(remote.versions);
    // Every referenced content is complete under its name.
    for (const v of local) await reopened.deps.store.blobs.verify(v.split('|')[2]!);
    await reopened.close();
  });
});
