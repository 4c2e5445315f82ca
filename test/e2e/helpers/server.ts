import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Envelope } from '../../../contract/envelope';
import type { MethodInput, MethodName, MethodOutput } from '../../../contract/methods';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface DemoServer {
  /** The address to open, with `#token=…`. */
  url: string;
  origin: string;
  token: string;
  /** Calls the API as a user, the way the page does: to pick test data from what the core returns. */
  as(username: string): Promise<<M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>>;
  stop(): Promise<void>;
}

/**
 * Starts `eakte serve --demo --json` on a fresh data folder and waits for its one JSON line; `prepare`
 * writes settings (e.g. sync.json) into the folder before the app starts.
 */
export async function startDemoServer(opts: { prepare?: (dataDir: string) => void } = {}): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eakte-e2e-'));
  opts.prepare?.(dataDir);
  const child = spawn(process.execPath, [join(root, 'bin', 'eakte.mjs'), 'serve', '--demo', '--json', '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const stop = async () => {
    await killAndWait(child);
    rmSync(dataDir, { recursive: true, force: true });
  };

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve((JSON.parse(line) as { url: string }).url);
      });
      child.once('exit', (code) => reject(new Error(`eakte serve ended (${code}) before printing its address: ${stderr}`)));
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const { origin, hash } = new URL(url);
  const token = hash.replace(/^#token=/, '');

  const call = async (session: string | null, method: string, input: unknown) => {
    const res = await fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(session ? { 'X-Eakte-Session': session } : {}) },
      body: JSON.stringify(input),
    });
    const envelope = (await res.json()) as Envelope<unknown>;
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.value;
  };

  return {
    url,
    origin,
    token,
    async as(username) {
      const { sessionId } = (await call(null, 'session.login', { username })) as { sessionId: string };
      return ((method: string, input: unknown) => call(sessionId, method, input)) as never;
    },
    stop,
  };
}

function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGINT');
  });
}
