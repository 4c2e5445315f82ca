import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp } from '../../test/helpers/demo-app';
import { tempDir } from '../../test/helpers/temp-dir';
import { startHttpServer, type RunningServer } from './server';

/** Raw HTTP so tests can send what a browser would never send (forged Host headers). */
function http(
  server: RunningServer,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('browser mode HTTP server', () => {
  let demo: DemoApp;
  let server: RunningServer;
  const renderer = tempDir();
  beforeAll(async () => {
    mkdirSync(join(renderer.path, 'assets'));
    writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>eAkte</title>');
    writeFileSync(join(renderer.path, 'assets', 'app.js'), 'console.log(1)');
    demo = await openDemoApp();
    server = await startHttpServer({ app: demo.app, rendererDir: renderer.path });
  });
  afterAll(async () => {
    await server.close();
    await demo.close();
    renderer.remove();
  });

  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    http(server, `/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
      body: JSON.stringify(body),
    });
  const json = (r: { body: Buffer }) => JSON.parse(r.body.toString()) as { ok: boolean; value?: any; error?: any };

  it('listens on loopback only and prints a URL carrying the token in the fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.openUrl).toBe(`${server.url}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the renderer with a strict CSP and without leaking files outside it', async () => {
    const page = await http(server, '/');
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await http(server, '/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    const escape = await http(server, '/..%2f..%2fpackage.json');
    expect(escape.body.toString()).toContain('<title>eAkte</title>');
  });

  it('rejects API calls without the token, from other origins and with forged Host headers', async () => {
    const noToken = await http(server, '/api/system.status', { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    expect(json(noToken).error.code).toBe('auth.bad_token');
    expect((await api('system.status', {}, { Authorization: 'Bearer falsch' })).status).toBe(401);
    expect((await api('system.status', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('system.status', {}, { Host: 'evil.example' })).status).toBe(421);
    expect((await http(server, '/api/events?token=falsch')).status).toBe(401);
  });

  it('answers the same API envelope as IPC, with sessions from login', async () => {
    const status = json(await api('system.status', {}));
    expect(status).toMatchObject({ ok: true, value: { mode: 'cli', demo: true } });
    const login = json(await api('session.login', { username: 'sb21' }));
    expect(login.ok).toBe(true);
    const session = { 'X-Eakte-Session': login.value.sessionId as string };
    const list = json(await api('akten.list', { limit: 5 }, session));
    expect(list.ok).toBe(true);
    expect(list.value.items).toHaveLength(5);
    const anon = json(await api('akten.list', {}));
    expect(anon.error.code).toBe('auth.not_logged_in');
    const broken = await http(server, '/api/akten.list', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, ...session },
      body: '{nicht json',
    });
    expect(json(broken).error.code).toBe('api.invalid_input');
  });

  it('streams document content only to those who may see it, verified against its hash', async () => {
    const login = json(await api('session.login', { username: 'sb21' }));
    const session = { 'X-Eakte-Session': login.value.sessionId as string, Authorization: `Bearer ${server.token}` };
    const hit = json(await api('search.query', { q: 'Mahnung' }, session)).value.hits[0];
    const doc = json(await api('documents.get', { uuid: hit.document.uuid }, session)).value;
    const version = doc.versions[0];
    const file = await http(server, `/files/version/${version.uuid}`, { headers: session });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.body.length).toBe(version.size);

    const other = json(await api('session.login', { username: 'sb32' }));
    const denied = await http(server, `/files/version/${version.uuid}`, {
      headers: { 'X-Eakte-Session': other.value.sessionId, Authorization: `Bearer ${server.token}` },
    });
    expect(denied.status).toBe(404);
    expect(json(denied).error.code).toBe('records.not_found');

    writeFileSync(demo.app.store.blobs.pathOf(version.sha256), 'verändert');
    const tampered = await http(server, `/files/version/${version.uuid}`, { headers: session });
    expect(tampered.status).toBe(404);
    expect(json(tampered).error.code).toBe('store.blob_hash_mismatch');
    expect(json(tampered).error.message).toMatch(/beschädigt/);
    expect(demo.logLines.some((l) => l.includes('store.blob_hash_mismatch'))).toBe(true);
  });
});
