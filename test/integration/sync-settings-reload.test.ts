import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memorySink } from '../../core/platform/logger';
import { frontEndSetup } from '../../host/config/front-end';
import { createApp } from '../../host/create-app';
import { startBackgroundSync } from '../../sync';
import { copyDemoDataDir } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A DMS that is down for maintenance: it answers 503 and records who asked. */
async function maintenanceDms(): Promise<{ url: string; auth: string[]; server: Server }> {
  const auth: string[] = [];
  const server = createServer((req, res) => {
    auth.push(req.headers.authorization ?? '');
    res.writeHead(503).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cmis/browser`, auth, server };
}

/** The running app follows the admin's machine config for the DMS without a restart. */
describe('sync settings while the app runs', () => {
  const cleanup: (() => unknown)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('starts syncing when the admin sets a DMS up and moves to a new address when the admin changes it', async () => {
    const [a, b] = [await maintenanceDms(), await maintenanceDms()];
    cleanup.push(() => a.server.close(), () => b.server.close());
    const data = await copyDemoDataDir();
    const etc = tempDir('eakte-etc-');
    cleanup.push(data.remove, etc.remove);
    const configFile = join(etc.path, 'config.json');
    const writeMachineConfig = (config: unknown) => writeFileSync(configFile, JSON.stringify(config));
    writeMachineConfig({});
    // The user's file has the credentials only; the address is the admin's to give.
    writeFileSync(join(data.path, 'sync.json'), JSON.stringify({ auth: { type: 'basic', username: 'mmueller', password: 'geheim' }, intervalSeconds: 1, timeoutMs: 2000 }));
    const setup = frontEndSetup({ explicitDataDir: data.path, ce: { env: { EAKTE_CONFIG: configFile }, platform: 'linux', home: etc.path, username: 'mmueller' } });
    const sink = memorySink();
    const app = await createApp({ dataDir: data.path, mode: 'cli', admin: setup.admin, logSinks: [sink] });
    cleanup.push(() => app.close());
    const loop = startBackgroundSync(app.deps, { recheckMs: 100 });
    cleanup.push(() => loop.stop());
    const login = await app.dispatch({ sessionId: null, transport: 'test' }, 'session.login', { username: 'admin' });
    const state = async () => {
      const s = await app.dispatch({ sessionId: login.ok ? login.value.sessionId : null, transport: 'test' }, 'sync.status', {});
      return s.ok ? s.value.state : s.error.code;
    };

    await until('the first look at the settings', () => sink.lines.some((l) => l.includes('no DMS configured')));
    expect(await state()).toBe('not_configured');
    expect(a.auth).toEqual([]);

    writeMachineConfig({ dms: { url: a.url } });
    await until('a request at the admin\'s DMS', () => a.auth.length > 0);
    expect(a.auth[0]).toBe(`Basic ${Buffer.from('mmueller:geheim').toString('base64')}`);
    await until('the failure shown', async () => (await state()) === 'error');

    writeMachineConfig({ dms: { url: b.url } });
    await until('a request at the new address', () => b.auth.length > 0);
    expect(b.auth[0]).toBe(a.auth[0]);
  }, 60_000);
});
