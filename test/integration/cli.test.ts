import { execFile } from 'node:child_process';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDemoDataDir } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'eakte.mjs');

function eakte(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('eakte CLI', () => {
  let dataDir: string;
  let remove: () => void;
  beforeAll(async () => {
    ({ path: dataDir, remove } = await copyDemoDataDir());
  });
  afterAll(() => remove());

  it('searches as the given user and prints JSON', async () => {
    const r = await eakte(['search', 'Mahnung', '--data', dataDir, '--user', 'sb21', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { total: number; hits: { document: { amtId: string } }[] };
    expect(result.total).toBeGreaterThan(0);
    expect(result.hits.every((h) => h.document.amtId === '21')).toBe(true);
    const viaEnv = await eakte(['search', 'Mahnung', '--json'], { EAKTE_DATA_DIR: dataDir, EAKTE_USER: 'sb32' });
    expect(JSON.parse(viaEnv.stdout).total).toBe(0);
  });

  it('fails with one German line and a distinct exit code', async () => {
    const unknown = await eakte(['search', 'x', '--data', dataDir, '--user', 'niemand']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/^Fehler: Die Benutzerkennung „niemand“ ist nicht bekannt/);
    const usage = await eakte(['search', '--data', dataDir, '--user', 'sb21', '--bogus']);
    expect(usage.code).toBe(2);
    const noUser = await eakte(['search', 'x', '--data', dataDir], { EAKTE_USER: '' });
    expect(noUser.code).toBe(2);
    const json = await eakte(['search', 'x', '--data', dataDir, '--user', 'niemand', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'auth.unknown_user' } });
  });

  it('verifies the audit chain and exits 6 once it has been tampered with', async () => {
    const ok = await eakte(['audit', 'verify', '--data', dataDir, '--user', 'admin', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(join(dataDir, 'eakte.sqlite'));
      db.exec(`DROP TRIGGER audit_event_no_update; UPDATE audit_event SET actor = 'x' WHERE seq = 10;`, (e) =>
        db.close(() => (e ? reject(e) : resolve())),
      );
    });
    const broken = await eakte(['audit', 'verify', '--data', dataDir, '--user', 'admin']);
    expect(broken.code).toBe(6);
    expect(broken.stdout).toMatch(/VERÄNDERT ab Eintrag 10/);
  });

  it('imports the demo data once and leaves a filled folder alone', async () => {
    const dir = tempDir();
    try {
      const first = await eakte(['import-demo', '--data', dir.path, '--json']);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ seeded: true, akten: 42 });
      const second = await eakte(['import-demo', '--data', dir.path, '--json']);
      expect(JSON.parse(second.stdout)).toMatchObject({ seeded: false });
    } finally {
      dir.remove();
    }
  });
});
