import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../fixtures/demo/random';
import { copyDemoDataDir } from '../helpers/demo-app';
import { createApp } from '../../host/create-app';
import { verifyAuditChain } from '../../core/audit/audit-log';

const KILLS = Number(process.env.EAKTE_CRASH_KILLS ?? 50);

/** Starts the workload, kills it with SIGKILL after a seeded delay, returns what it had acknowledged. */
async function runAndKill(script: string, dataDir: string, seed: number): Promise<{ uuid: string; hash: string }[]> {
  const child = spawn(process.execPath, [script, dataDir, String(seed)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const accepted: { uuid: string; hash: string }[] = [];
  let buffer = '';
  let ready: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') ready();
      const m = /^accepted (\S+) (\S+)$/.exec(line);
      if (m) accepted.push({ uuid: m[1]!, hash: m[2]! });
    }
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise((r) => child.on('exit', r));
  // A workload that dies before it is ready is a broken test, not a crash to survive.
  await Promise.race([isReady, exited.then(() => Promise.reject(new Error(`workload exited early: ${stderr}`)))]);
  await new Promise((r) => setTimeout(r, 20 + seededRandom(seed).int(0, 400)));
  child.kill('SIGKILL');
  await exited;
  return accepted;
}

describe('crash safety: kill -9 during writes', () => {
  let dataDir: string;
  // Inside node_modules/.cache so the bundle resolves the project's packages.
  const script = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'eakte-crash', 'workload.mjs');
  beforeAll(async () => {
    ({ path: dataDir } = await copyDemoDataDir());
    // Bundled once, so each of the many child processes starts in a fraction of a second.
    await build({
      entryPoints: [join(import.meta.dirname, 'workload.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'error',
    });
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`never corrupts the store nor loses an acknowledged document over ${KILLS} kills`, async () => {
    const acknowledged: { uuid: string; hash: string }[] = [];
    for (let seed = 1; seed <= KILLS; seed++) acknowledged.push(...(await runAndKill(script, dataDir, seed)));
    expect(acknowledged.length).toBeGreaterThan(KILLS);

    const app = await createApp({ dataDir, mode: 'cli' });
    try {
      const r = app.store.reader;
      expect(await r.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
      expect(await r.all(`SELECT * FROM document_fts WHERE document_fts MATCH 'Absturztest' LIMIT 1`)).toHaveLength(1);
      // Every acknowledged document is there, exactly once, with content matching its hash.
      const rows = await r.all<{ uuid: string; blob_hash: string }>(
        `SELECT d.uuid, dv.blob_hash FROM document d JOIN document_version dv ON dv.document_id = d.id WHERE d.title LIKE 'Absturztest%'`,
      );
      const byUuid = new Map(rows.map((row) => [row.uuid, row.blob_hash]));
      expect(byUuid.size).toBe(rows.length);
      for (const a of acknowledged) expect(byUuid.get(a.uuid)).toBe(a.hash);
      // Also documents committed but killed before the acknowledgement must be complete.
      for (const hash of new Set(rows.map((row) => row.blob_hash))) await app.store.blobs.verify(hash);
      const blobs = await r.all<{ hash: string }>('SELECT hash FROM blob');
      for (const { hash } of blobs) expect(await app.store.blobs.has(hash)).toBe(true);
      expect((await verifyAuditChain(r)).ok).toBe(true);
    } finally {
      await app.close();
    }
  }, 600_000);
});
