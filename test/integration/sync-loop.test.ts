import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../contract/events';
import { createApp, type App } from '../../host/create-app';
import { startDmsDev, type DmsDev } from '../../sync/dms-dev';
import { localVersionSet, remoteVersionSet, writeSyncConfig } from '../../sync/testing/harness';
import { copyDemoDataDir } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/** Polls until the check passes; the loop runs on its own timers. */
async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The app's background sync against a real development DMS over HTTP that goes away and comes back. */
describe('background sync loop', () => {
  const serverDir = tempDir('eakte-dms-');
  let data: { path: string; remove(): void };
  let dms: DmsDev;
  let app: App;
  const events: AppEvent[] = [];

  beforeAll(async () => {
    dms = await startDmsDev({ dataDir: serverDir.path });
    data = await copyDemoDataDir();
    writeSyncConfig(data.path, dms.url, 'loop', { intervalSeconds: 1, timeoutMs: 2000 });
    app = await createApp({ dataDir: data.path, mode: 'browser', validateOutput: true });
    app.events.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await app?.close();
    await dms.close().catch(() => undefined);
    data?.remove();
    serverDir.remove();
  });

  const session = async () => {
    const login = await app.dispatch({ sessionId: null, transport: 'test' }, 'session.login', { username: 'sb21' });
    if (!login.ok) throw new Error(login.error.code);
    return async <T>(method: string, input: unknown): Promise<T> => {
      const r = await app.dispatch({ sessionId: login.value.sessionId, transport: 'test' }, method as never, input as never);
      if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
      return r.value as T;
    };
  };

  it('syncs on start, queues edits while the DMS is down, and delivers each exactly once when it is back', async () => {
    const call = await session();
    type Status = { state: string; pendingOperations: number; lastSuccessAt: string | null };
    // The clerk's "Jetzt synchronisieren" while the loop's first cycle runs: it follows that cycle, not "busy".
    const manual = await call<{ ok: boolean; errorCode: string | null }>('sync.run', {});
    expect(manual).toMatchObject({ ok: true, errorCode: null });
    await until('initial sync', async () => {
      const s = await call<Status>('sync.status', {});
      return s.state === 'online' && s.pendingOperations === 0 && s.lastSuccessAt !== null;
    });
    const before = await remoteVersionSet(dms.url);
    expect(before.versions).toEqual(await localVersionSet(app.deps));

    const port = dms.port;
    await dms.close();
    const tree = await call<{ uuid: string; isLeaf: boolean }[]>('aktenplan.tree', { amtId: '21' });
    const entry = tree.find((e) => e.isLeaf)!;
    const akte = await call<{ uuid: string; vorgaenge: { uuid: string }[] }>('akten.create', {
      aktenplanEntryUuid: entry.uuid,
      title: 'Offline angelegte Akte',
      firstVorgangTitle: 'Offline-Vorgang',
    });
    const incoming = await call<{ items: { uuid: string }[] }>('posteingang.list', { amtId: '21', offset: 0, limit: 1 });
    const doc = incoming.items[0]!.uuid;
    await call('documents.file', { uuid: doc, vorgangUuid: akte.vorgaenge[0]!.uuid });
    await call('documents.update', { uuid: doc, title: 'Offline umbenannt' });

    // The loop noticed the edits, tried, and waits in backoff while the DMS is away.
    await until('offline state', async () => {
      const s = await call<Status>('sync.status', {});
      return s.state === 'offline' && s.pendingOperations >= 3;
    });
    expect(events.some((e) => e.type === 'sync.status' && e.status.state === 'offline')).toBe(true);

    dms = await startDmsDev({ dataDir: serverDir.path, port });
    await until('catch-up', async () => {
      const s = await call<Status>('sync.status', {});
      return s.state === 'online' && s.pendingOperations === 0;
    });
    const after = await remoteVersionSet(dms.url);
    expect([...after.uuidCounts.values()].every((n) => n === 1)).toBe(true);
    expect(after.uuidCounts.get(doc)).toBe(1);
    expect(after.versions).toEqual(await localVersionSet(app.deps));
    const [remoteDoc] = dms.repository.byUniqueValue(doc);
    expect(dms.repository.latestOf(remoteDoc!).props['eakte:title']).toBe('Offline umbenannt');
    expect(dms.repository.byUniqueValue(akte.uuid)).toHaveLength(1);
    const states = await call<{ uuid: string; state: string }[]>('sync.objectStates', { uuids: [doc, akte.uuid] });
    expect(states.map((s) => s.state)).toEqual(['synced', 'synced']);
    expect(events.some((e) => e.type === 'sync.status' && e.status.state === 'online')).toBe(true);
  });

  it('stops with the app: no cycle or timer runs after the store is closed', async () => {
    await dms.close(); // the next cycle hangs on nothing and fails fast
    const closing = app.close();
    await closing;
    const log = readFileSync(join(data.path, 'logs', 'eakte.log'), 'utf8');
    expect(log).toContain('sync loop stopped');
    const size = log.length;
    await new Promise((r) => setTimeout(r, 2500)); // longer than intervalSeconds: a leftover timer would log
    expect(readFileSync(join(data.path, 'logs', 'eakte.log'), 'utf8').length).toBe(size);
    app = null as unknown as App;
  });
});
