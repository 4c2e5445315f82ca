import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../contract/methods';
import { createApp, type App } from '../../host/create-app';
import { copyDemoDataDir } from '../../test/helpers/demo-app';
import { tempDir } from '../../test/helpers/temp-dir';
import { digitalPdf } from './testing/samples';

/** The hot folder the app watches for the post room: started and stopped through the API, kept over a restart. */
describe('intake.watchHotFolder / hotFolderStatus / stopHotFolder', () => {
  let data: { path: string; remove(): void };
  let app: App;
  const folder = tempDir();
  const poll = process.env.EAKTE_HOT_FOLDER_POLL_MS;

  /** A session on the app as it runs now; failures come back as their error. */
  const login = async (username: string) => {
    const r = await app.dispatch({ sessionId: null, transport: 'test' }, 'session.login', { username });
    if (!r.ok) throw new Error(r.error.code);
    const sessionId = r.value.sessionId;
    const call = <M extends MethodName>(method: M, input: MethodInput<M>) => app.dispatch({ sessionId, transport: 'test' }, method, input);
    return {
      ok: async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
        const res = await call(method, input);
        if (!res.ok) throw new Error(`${method}: ${res.error.code}`);
        return res.value;
      },
      fails: async <M extends MethodName>(method: M, input: MethodInput<M>) => {
        const res = await call(method, input);
        if (res.ok) throw new Error(`${method} succeeded`);
        return res.error;
      },
    };
  };

  beforeAll(async () => {
    process.env.EAKTE_HOT_FOLDER_POLL_MS = '100';
    data = await copyDemoDataDir();
    app = await createApp({ dataDir: data.path, mode: 'cli' });
  });
  afterAll(async () => {
    await app.close();
    data.remove();
    folder.remove();
    if (poll === undefined) delete process.env.EAKTE_HOT_FOLDER_POLL_MS;
    else process.env.EAKTE_HOT_FOLDER_POLL_MS = poll;
  });

  it('watches a folder for the post room, takes a complete file in, and says so', async () => {
    const post = await login('poststelle');
    expect(await post.ok('intake.hotFolderStatus', {})).toMatchObject({ path: null, running: false });
    const refused = await post.fails('intake.watchHotFolder', { path: join(folder.path, 'gibt-es-nicht') });
    expect(refused.code).toBe('intake.hot_folder_unusable');
    expect(refused.message).toContain('gibt-es-nicht');
    const clerk = await login('sb21');
    expect((await clerk.fails('intake.watchHotFolder', { path: folder.path })).code).toBe('access.denied');
    expect((await clerk.fails('intake.hotFolderStatus', {})).code).toBe('access.denied');

    const started = await post.ok('intake.watchHotFolder', { path: folder.path });
    expect(started).toMatchObject({ path: folder.path, running: true, lastTaken: null, lastError: null });
    writeFileSync(join(folder.path, 'Scan 0001.pdf'), await digitalPdf(44));
    await expect.poll(async () => (await post.ok('intake.hotFolderStatus', {})).lastTaken?.name, { timeout: 30_000 }).toBe('Scan 0001.pdf');
    // Taken means a job of the post room has the file (moved to in-arbeit/ first, then taken in).
    await expect.poll(async () => (await post.ok('intake.listJobs', { limit: 10 })).items.map((j) => j.original.fileName), { timeout: 30_000 }).toContain('Scan 0001.pdf');
  });

  it('is watched again after a restart of the app, until the post room stops it', async () => {
    await app.close();
    // The same data folder opened again, as the next start of the app.
    // This time the machine config names the scanners' folder; it is offered, the kept one watched.
    app = await createApp({ dataDir: data.path, mode: 'cli', admin: () => ({ userOverrides: [], hotFolder: '/srv/scan/petra' }) });
    const post = await login('poststelle');
    expect(await post.ok('intake.hotFolderStatus', {})).toMatchObject({ path: folder.path, configured: '/srv/scan/petra', running: true });
    expect(await post.ok('intake.stopHotFolder', {})).toMatchObject({ path: null, running: false });
    expect(existsSync(join(data.path, 'work', 'hot-folder.json'))).toBe(false);
    // What was taken in is in the folder's work area, nothing left lying around.
    expect(readdirSync(folder.path).filter((n) => n.endsWith('.pdf'))).toEqual([]);
  });
});
