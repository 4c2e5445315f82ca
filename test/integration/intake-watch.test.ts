import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digitalPdf } from '../../ocr/pipeline/testing/samples';
import { copyDemoDataDir } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'eakte.mjs');

const count = (dbPath: string, sql: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const db = new sqlite3.Database(dbPath, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.get(sql, (e, row: { n: number } | undefined) =>
        db.close(() => (e ? reject(e) : resolve(row?.n ?? 0))),
      );
    });
  });

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  child: { exitCode: number | null },
): Promise<void> {
  while (!(await check())) {
    if (child.exitCode !== null) throw new Error(`eakte watch exited (${child.exitCode}) before ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('eakte watch', () => {
  let dataDir: string;
  let work: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    ({ path: dataDir } = await copyDemoDataDir());
    work = tempDir('eakte-watch-');
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    work.remove();
  });

  it('takes in what scanners drop into the folder, moves it to erledigt/ or fehler/ and stops on Ctrl+C', async () => {
    const hot = join(work.path, 'eingang');
    mkdirSync(hot);
    const child = spawn(
      process.execPath,
      [bin, 'watch', hot, '--data', dataDir, '--user', 'poststelle', '--device', 'MFP 2. OG', '--json'],
      {
        env: { ...process.env, EAKTE_HOT_FOLDER_POLL_MS: '100' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(() => stderr.includes('wird überwacht'), 'watching', child);
      // An MFP writes under a temporary name and renames when done; a zero-byte file is a Klärfall.
      writeFileSync(join(hot, 'scan-7.pdf.part'), await digitalPdf(71));
      renameSync(join(hot, 'scan-7.pdf.part'), join(hot, 'scan-7.pdf'));
      writeFileSync(join(hot, 'leer.pdf'), '');
      const folder = (name: string) => (existsSync(join(hot, name)) ? readdirSync(join(hot, name)) : []);
      await until(
        () => folder('erledigt').includes('scan-7.pdf') && folder('fehler').includes('leer.pdf'),
        'both files were sorted',
        child,
      );
      expect(readdirSync(hot).filter((n) => n.endsWith('.pdf'))).toEqual([]);
      expect(folder('in-arbeit')).toEqual([]);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ taken: 2, done: 1, review: 1 });
    const db = join(dataDir, 'eakte.sqlite');
    expect(await count(db, `SELECT count(*) AS n FROM document WHERE title = 'scan-7.pdf'`)).toBe(1);
    expect(
      await count(
        db,
        `SELECT count(*) AS n FROM posteingang_item WHERE json_extract(scan_protocol, '$.source.device') = 'MFP 2. OG'`,
      ),
    ).toBe(1);
  }, 600_000);
});
