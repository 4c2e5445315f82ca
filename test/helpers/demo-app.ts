import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MethodInput, MethodName, MethodOutput } from '../../contract/methods';
import type { Envelope, ErrorInfo } from '../../contract/envelope';
import { fixedClock, type Clock } from '../../core/platform/clock';
import type { KeyProvider } from '../../core/platform/key-provider';
import { memorySink } from '../../core/platform/logger';
import { createApp, type App } from '../../host/create-app';
import { seedDemo } from '../../fixtures/demo/seed';
import { tempDir } from './temp-dir';

/** The demo "today" used by tests, so retention and Wiedervorlage dates do not drift with the calendar. */
export const TEST_TODAY = '2026-11-23T09:00:00+01:00';

/** Changes whenever the seed or the schema changes, so a stale template is never reused. */
function seedFingerprint(): string {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
  const hash = createHash('sha256');
  for (const folder of ['fixtures/demo', 'core/store/migrations']) {
    for (const name of readdirSync(join(root, folder)).sort()) {
      if (name.endsWith('.ts')) hash.update(name).update(readFileSync(join(root, folder, name)));
    }
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * The demo data set is seeded once per machine into a template folder and copied per test,
 * because rendering its PDFs takes seconds.
 */
async function templateDir(): Promise<string> {
  const dir = join(tmpdir(), `eakte-demo-template-${seedFingerprint()}`);
  if (existsSync(join(dir, 'eakte.sqlite'))) return dir;
  const work = `${dir}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  const app = await createApp({ dataDir: work, mode: 'cli', clock: fixedClock(TEST_TODAY) });
  await seedDemo(app.deps);
  await app.close();
  rmSync(join(work, 'logs'), { recursive: true, force: true });
  try {
    renameSync(work, dir);
  } catch {
    rmSync(work, { recursive: true, force: true }); // another worker was faster
  }
  return dir;
}

export interface DemoApp {
  app: App;
  dataDir: string;
  logLines: string[];
  login(username: string): Promise<DemoSession>;
  close(): Promise<void>;
}

export interface DemoSession {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Envelope<MethodOutput<M>>>;
  ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The error of a call that must fail; a success fails the test. */
  fails<M extends MethodName>(method: M, input: MethodInput<M>): Promise<ErrorInfo>;
}

/** A private copy of the demo data folder, for tests whose child processes open the store themselves. */
export async function copyDemoDataDir(): Promise<{ path: string; remove(): void }> {
  const dir = tempDir();
  cpSync(await templateDir(), dir.path, { recursive: true });
  return dir;
}

/** `clock` for tests whose certificates or peers (pdfsig) go by the real time; `keys` seals the blobs. */
export async function openDemoApp(opts: { clock?: Clock; keys?: KeyProvider } = {}): Promise<DemoApp> {
  const dir = await copyDemoDataDir();
  const sink = memorySink();
  const app = await createApp({ dataDir: dir.path, mode: 'cli', clock: opts.clock ?? fixedClock(TEST_TODAY), logSinks: [sink], validateOutput: true, keys: opts.keys });
  const meta = (sessionId: string | null) => ({ sessionId, transport: 'test' as const });
  return {
    app,
    dataDir: dir.path,
    logLines: sink.lines,
    async login(username) {
      const res = await app.dispatch(meta(null), 'session.login', { username });
      if (!res.ok) throw new Error(`login ${username} failed: ${res.error.code}`);
      const sessionId = res.value.sessionId;
      const call = <M extends MethodName>(method: M, input: MethodInput<M>) => app.dispatch(meta(sessionId), method, input);
      return {
        call,
        async ok(method, input) {
          const r = await call(method, input);
          if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
          return r.value;
        },
        async fails(method, input) {
          const r = await call(method, input);
          if (r.ok) throw new Error(`${method} succeeded, a failure was expected`);
          return r.error;
        },
      };
    },
    async close() {
      await app.close();
      dir.remove();
    },
  };
}
