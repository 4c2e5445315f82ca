import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIncomingDocument } from '../../core/records/documents';
import { startDmsDev, startFaultProxy, type DmsDev, type FaultProxy } from '../../sync/dms-dev';
import { runCycle } from '../../sync';
import { allAemterCaller, remoteVersionSet, writeSyncConfig } from '../../sync/testing/harness';
import { openDemoApp } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'eakte.mjs');
const CHUNK = 256 * 1024;
const SIZE = 40 * CHUNK + 12_345;

/** `kill -9` of a real `eakte sync run` process, and a DMS restart, in the middle of a chunked upload. */
describe('sync interrupted during a chunked upload', () => {
  const serverDir = tempDir('eakte-dms-');
  let dms: DmsDev;
  let proxy: FaultProxy;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let docUuid: string;
  let sha: string;

  beforeAll(async () => {
    dms = await startDmsDev({ dataDir: serverDir.path });
    const demo = await openDemoApp();
    dataDir = demo.dataDir;
    cleanup = () => demo.close();
    writeSyncConfig(dataDir, dms.url, 'clerk', { chunkSize: CHUNK });
    expect(await runCycle(demo.app.deps)).toMatchObject({ ok: true });
    // From here on the client talks through a proxy that slows every request a little and counts bytes.
    proxy = await startFaultProxy({ target: dms.url, plan: { seed: 7, delay: 1, delayMaxMs: 40 } });
    writeSyncConfig(dataDir, proxy.url, 'clerk', { chunkSize: CHUNK, intervalSeconds: 1 });
    const deps = demo.app.deps;
    const ctx = { ...deps, caller: await allAemterCaller(deps) };
    const blob = await deps.store.blobs.put(randomBytes(SIZE));
    sha = blob.hash;
    const vorgang = await deps.store.reader.get<{ uuid: string }>(
      `SELECT v.uuid FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE a.status = 'open' ORDER BY v.id LIMIT 1`,
    );
    docUuid = (
      await deps.store.write((tx) =>
        createIncomingDocument(tx, ctx, {
          posteingang: { channel: 'papier', sender: null, receivedAt: '2026-11-23T09:00:00+01:00' },
          title: 'Großer Scan',
          amtId: null,
          file: { blob, fileName: 'scan.pdf', mimeType: 'application/pdf' },
          text: '',
          vorgangUuid: vorgang!.uuid,
        }),
      )
    ).uuid;
    await demo.app.close();
  });
  afterAll(async () => {
    await cleanup().catch(() => undefined);
    await proxy.close();
    await dms.close();
    serverDir.remove();
  });

  it('resumes after the restart, re-sends at most one chunk, and stores the document once', async () => {
    const child = spawn(process.execPath, [bin, 'sync', 'run', '--data', dataDir, '--user', 'sb21'], { stdio: 'ignore' });
    const uploaded = () => [...dms.repository.objects.values()].find((o) => o.isPwc)?.content?.length ?? 0;
    for (let i = 0; i < 600 && uploaded() < 10 * CHUNK; i++) await sleep(50);
    expect(uploaded()).toBeGreaterThanOrEqual(10 * CHUNK);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const before = uploaded();
    expect(before).toBeLessThan(SIZE);

    const again = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const c = spawn(process.execPath, [bin, 'sync', 'run', '--once', '--json', '--data', dataDir, '--user', 'sb21']);
      let out = '';
      c.stdout.on('data', (d: Buffer) => (out += d.toString()));
      c.on('exit', (code) => resolve({ code, out }));
    });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ ok: true, status: { pendingOperations: 0 } });

    const remote = await remoteVersionSet(dms.url);
    expect(remote.uuidCounts.get(docUuid)).toBe(1);
    expect(remote.versions).toContain(`${docUuid}|1|${sha}`);
    const resent = (proxy.stats.bytesByAction.appendContent ?? 0) - SIZE;
    // Multipart framing adds a few hundred bytes per chunk; re-sent content stays within one chunk.
    expect(resent).toBeLessThanOrEqual(CHUNK + 41 * 1024);
  });

  it('goes on where it was when the DMS restarts between chunks', async () => {
    const demo = await openDemoApp();
    try {
      const deps = demo.app.deps;
      writeSyncConfig(demo.dataDir, proxy.url, 'restart', { chunkSize: CHUNK });
      // Only the new document goes out: the rest of this copy is already on the server.
      await deps.store.write((tx) => tx.run(`UPDATE outbox SET state = 'done', outcome = 'already_applied'`));
      expect(await runCycle(deps)).toMatchObject({ ok: true });
      const ctx = { ...deps, caller: await allAemterCaller(deps) };
      const blob = await deps.store.blobs.put(randomBytes(SIZE));
      const vorgang = await deps.store.reader.get<{ uuid: string }>(
        `SELECT v.uuid FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE a.status = 'open' ORDER BY v.id LIMIT 1`,
      );
      const { uuid } = await deps.store.write((tx) =>
        createIncomingDocument(tx, ctx, {
          posteingang: { channel: 'papier', sender: null, receivedAt: '2026-11-23T09:00:00+01:00' },
          title: 'Scan über Neustart',
          amtId: null,
          file: { blob, fileName: 'neustart.pdf', mimeType: 'application/pdf' },
          text: '',
          vorgangUuid: vorgang!.uuid,
        }),
      );
      const appendedBefore = proxy.stats.bytesByAction.appendContent ?? 0;
      const cycle = runCycle(deps);
      const pwcLength = () => [...dms.repository.objects.values()].find((o) => o.isPwc)?.content?.length ?? 0;
      for (let i = 0; i < 600 && pwcLength() < 8 * CHUNK; i++) await sleep(20);
      const port = dms.port;
      await dms.close();
      expect(await cycle).toMatchObject({ ok: false, errorCode: 'sync.server_unreachable' });
      dms = await startDmsDev({ dataDir: serverDir.path, port });
      expect(pwcLength()).toBeGreaterThanOrEqual(8 * CHUNK);
      expect(await runCycle(deps)).toMatchObject({ ok: true });

      const remote = await remoteVersionSet(dms.url);
      expect(remote.uuidCounts.get(uuid)).toBe(1);
      expect(remote.versions).toContain(`${uuid}|1|${blob.hash}`);
      const resent = (proxy.stats.bytesByAction.appendContent ?? 0) - appendedBefore - SIZE;
      expect(resent).toBeLessThanOrEqual(CHUNK + 41 * 1024);
    } finally {
      await demo.close();
    }
  });
});
