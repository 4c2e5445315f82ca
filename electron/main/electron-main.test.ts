import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';

// The Electron binary cannot run here: this fake records what main.ts asks of Electron.
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: { options: Record<string, any>; loaded: string[] }[] = [];
  const appEvents = new Map<string, (...args: unknown[]) => void>();
  let ready: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (ready = r));
  return {
    handlers,
    windows,
    appEvents,
    ready,
    readyPromise,
    lock: true,
    quit: 0,
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    permissionDecisions: [] as boolean[],
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { id: 1, send: vi.fn(), once: vi.fn(), on: vi.fn(), setWindowOpenHandler: vi.fn() };
    constructor(options: Record<string, any>) {
      fake.windows.push({ options, loaded: [] });
    }
    once() {}
    isMinimized() {
      return false;
    }
    async loadURL(url: string) {
      fake.windows.at(-1)!.loaded.push(url);
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => fake.lock,
      quit: () => fake.quit++,
      exit: vi.fn(),
      on: (name: string, cb: (...args: unknown[]) => void) => fake.appEvents.set(name, cb),
      whenReady: () => fake.readyPromise,
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => fake.handlers.set(channel, fn) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown) => fake.schemes.push(s),
      handle: (scheme: string, fn: (req: Request) => Promise<Response>) => fake.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: (c: unknown, p: string, cb: (ok: boolean) => void) => void) =>
          fn(null, 'media', (ok) => fake.permissionDecisions.push(ok)),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onBeforeRequest: vi.fn() },
      },
    },
    dialog: { showErrorBox: vi.fn() },
    // Demo mode leaves blobs unsealed; safe-storage-keys.test.ts covers the provider itself.
    safeStorage: { isEncryptionAvailable: () => false },
  };
});

describe('electron main process', () => {
  const data = tempDir();
  const renderer = tempDir();
  beforeAll(async () => {
    process.env.EAKTE_DATA_DIR = data.path;
    process.env.EAKTE_RENDERER_DIR = renderer.path;
    process.argv.push('--demo');
    await import('./main');
    fake.ready();
    await vi.waitFor(() => expect(fake.windows[0]?.loaded.length).toBe(1), { timeout: 30_000 });
  }, 60_000);
  afterAll(() => {
    delete process.env.EAKTE_DATA_DIR;
    delete process.env.EAKTE_RENDERER_DIR;
    data.remove();
    renderer.remove();
  });

  it('takes the single-instance lock and focuses the window on a second start', () => {
    expect(fake.quit).toBe(0);
    expect(fake.appEvents.has('second-instance')).toBe(true);
  });

  it('opens one sandboxed, isolated window without Node from the app:// origin', () => {
    const w = fake.windows[0]!;
    expect(w.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String(w.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(w.loaded).toEqual(['app://eakte/index.html']);
    expect(fake.schemes).toHaveLength(1);
  });

  it('denies permission requests and serves the renderer with the strict CSP', async () => {
    expect(fake.permissionDecisions).toEqual([false]);
    writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>t</title>');
    const res = await fake.protocolHandlers.get('app')!(new Request('app://eakte/index.html'));
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<title>t</title>');
  });

  it('forwards IPC to the core only for trusted senders, keeping the login per window', async () => {
    const invoke = fake.handlers.get('eakte:invoke')!;
    const trusted = (id: number) => ({ sender: { id }, senderFrame: { url: 'app://eakte/index.html' } });
    const foreign = await invoke({ sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } }, 'system.status', {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'auth.bad_token' } });
    const malformed = await invoke(trusted(1), 'system.status; drop', {});
    expect(malformed).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });

    expect(await invoke(trusted(1), 'session.login', { username: 'sb21' })).toMatchObject({ ok: true });
    const mine = (await invoke(trusted(1), 'akten.list', { limit: 1 })) as { ok: boolean };
    expect(mine.ok).toBe(true);
    const otherWindow = await invoke(trusted(2), 'akten.list', { limit: 1 });
    expect(otherWindow).toMatchObject({ ok: false, error: { code: 'auth.not_logged_in' } });

    const search = (await invoke(trusted(1), 'search.query', { q: 'Mahnung' })) as any;
    const doc = (await invoke(trusted(1), 'documents.get', { uuid: search.value.hits[0].document.uuid })) as any;
    const readFile = fake.handlers.get('eakte:read-file')!;
    const file = (await readFile(trusted(1), doc.value.versions[0].uuid)) as any;
    expect(file.ok).toBe(true);
    expect(Buffer.from(file.value.bytes).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await readFile(trusted(2), doc.value.versions[0].uuid)).toMatchObject({ ok: false, error: { code: 'auth.not_logged_in' } });
    expect(await readFile(trusted(1), '../../etc/passwd')).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
  });
});
