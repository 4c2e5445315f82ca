import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distinctiveWord, separatedTiff } from '../../ocr/pipeline/testing/samples';
import { copyDemoDataDir } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'eakte.mjs');
const SEEDS = [51, 52, 53, 54] as const;

function query<T>(dbPath: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(dbPath, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.all(sql, params, (e, rows) => db.close(() => (e ? reject(e) : resolve(rows as T[]))));
    });
  });
}

function eakte(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

interface CliDocument {
  document: string;
  status: string;
  documentUuid: string | null;
  outputPath: string | null;
  pages: number | null;
  ocrConfidence: number | null;
  ocrSkipped: boolean | null;
  textLength: number | null;
}

describe('intake survives a killed process', () => {
  let dataDir: string;
  let work: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    ({ path: dataDir } = await copyDemoDataDir());
    work = tempDir('eakte-resume-');
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    work.remove();
  });

  it('continues after kill -9 mid-batch: every page once, no document twice', async () => {
    const inbox = join(work.path, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'stapel.tif'), await separatedTiff(SEEDS));
    const db = join(dataDir, 'eakte.sqlite');
    const documents = async () =>
      (await query<{ n: number }>(db, `SELECT count(*) AS n FROM document WHERE title LIKE 'stapel.tif%'`))[0]
        ?.n ?? 0;

    // First run: killed without warning as soon as the first document is committed.
    const child = spawn(
      process.execPath,
      [bin, 'intake', inbox, '--data', dataDir, '--user', 'poststelle', '--json'],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    let atKill: number;
    for (;;) {
      await new Promise((r) => setTimeout(r, 200));
      atKill = existsSync(db) ? await documents().catch(() => 0) : 0;
      if (atKill >= 1 || child.exitCode !== null) break;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(atKill).toBeGreaterThanOrEqual(1);
    expect(atKill).toBeLessThan(SEEDS.length);
    const unfinished = await query<{ status: string }>(
      db,
      `SELECT status FROM job WHERE status NOT IN ('done', 'waiting')`,
    );
    expect(unfinished.length).toBeGreaterThan(0);

    // Second run on the same input: the interrupted jobs continue, nothing finished is done again.
    const out = join(work.path, 'out');
    const second = await eakte([
      'intake',
      inbox,
      '--data',
      dataDir,
      '--user',
      'poststelle',
      '--out',
      out,
      '--json',
    ]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/\[[#-]{20}\] +\d+\/\d+ recognize/);
    const result = JSON.parse(second.stdout) as { documents: CliDocument[]; rejected: unknown[] };
    expect(result.rejected).toEqual([]);
    expect(result.documents.map((d) => [d.document, d.status, d.pages, d.ocrSkipped])).toEqual(
      SEEDS.map((_, i) => [`stapel.tif – Teil ${i + 1}`, 'done', 1, false]),
    );
    expect(result.documents.every((d) => (d.ocrConfidence ?? 0) > 50 && (d.textLength ?? 0) > 100)).toBe(
      true,
    );

    const rows = await query<{ uuid: string; title: string }>(
      db,
      `SELECT uuid, title FROM document WHERE title LIKE 'stapel.tif%' ORDER BY title`,
    );
    expect(rows).toHaveLength(SEEDS.length);
    expect(new Set(rows.map((r) => r.uuid)).size).toBe(SEEDS.length);
    const created = await query<{ n: number }>(
      db,
      `SELECT count(*) AS n FROM audit_event WHERE action = 'document.create' AND object_uuid IN (${rows.map(() => '?').join(',')})`,
      rows.map((r) => r.uuid),
    );
    expect(created[0]?.n).toBe(SEEDS.length);
    expect(await query(db, `SELECT status FROM job WHERE status != 'done'`)).toEqual([]);
    const resumed = await query<{ attempt: number }>(db, `SELECT attempt FROM job WHERE attempt > 1`);
    expect(resumed.length).toBeGreaterThan(0);
    expect(readdirSync(join(dataDir, 'work', 'jobs'))).toEqual([]);

    // Every letter is in its own document, in order: no page lost, none swapped.
    for (const [i, doc] of result.documents.entries()) {
      expect(doc.outputPath).toBeTruthy();
      expect(execFileSync('qpdf', ['--check', doc.outputPath!], { encoding: 'utf8' })).toMatch(
        /No syntax or stream encoding errors/,
      );
      const text = execFileSync('pdftotext', [doc.outputPath!, '-'], { encoding: 'utf8' }).toLowerCase();
      const seed = SEEDS[i]!;
      expect(text, `document ${i + 1}`).toContain(
        distinctiveWord(
          seed,
          SEEDS.filter((s) => s !== seed),
        ),
      );
    }
  }, 1_800_000);
});
