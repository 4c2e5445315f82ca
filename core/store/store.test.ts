import { existsSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { tempDir } from '../../test/helpers/temp-dir';
import { createLogger, memorySink } from '../platform/logger';
import { migrations } from './migrations';
import type { Migration } from './migrations';
import { openStore } from './store';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d.path;
};
const sink = memorySink();
const logger = createLogger([sink]);
const now = new Date('2026-11-23T08:00:00Z');
const failure = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (isAppError(e) ? e : Promise.reject(e)),
  );

describe('records store', () => {
  it('opens in WAL mode with the whole schema and FTS5 with diacritics folding', async () => {
    const store = await openStore({ dataDir: fresh(), logger, now });
    const mode = await store.reader.get<{ journal_mode: string }>('PRAGMA journal_mode');
    expect(mode?.journal_mode).toBe('wal');
    const version = await store.reader.get<{ user_version: number }>('PRAGMA user_version');
    expect(version?.user_version).toBe(migrations.at(-1)?.version);
    await store.write(async (tx) => {
      await tx.run(
        `INSERT INTO document (id, uuid, title, status, created_at, updated_at) VALUES (1, 'u1', 'Bescheid', 'eingang', 'now', 'now')`,
      );
      await tx.run(
        `INSERT INTO document_text (document_id, title, sender, body, scope) VALUES (1, 'Bescheid', 'Stadt', 'Herr Jürgen Müller', 'amt00')`,
      );
    });
    const hit = await store.reader.all(`SELECT rowid FROM document_fts WHERE document_fts MATCH '"muller"*'`);
    expect(hit).toHaveLength(1);
    await store.close();
  });

  it('rolls a failing migration back, keeps the data and names the backup', async () => {
    const dataDir = fresh();
    const first = await openStore({ dataDir, logger, now });
    await first.write((tx) => tx.run(`INSERT INTO amt (id, name) VALUES ('21', 'Steuern')`));
    await first.close();

    const halfway: Migration = {
      version: migrations.at(-1)!.version + 1,
      name: 'breaks-halfway',
      up: async (tx) => {
        await tx.run('CREATE TABLE new_thing (id INTEGER PRIMARY KEY)');
        await tx.run(`UPDATE amt SET name = 'kaputt'`);
        await tx.run('INSERT INTO no_such_table VALUES (1)');
      },
    };
    const err = await failure(openStore({ dataDir, logger, now, migrations: [...migrations, halfway] }));
    expect(err?.code).toBe('store.migration_failed');
    expect(err?.germanText).toMatch(/Es wurde nichts verändert/);
    const backup = String(err?.params.backup);
    expect(existsSync(backup)).toBe(true);
    expect(sink.lines.some((l) => l.includes('store migration failed') && l.includes('breaks-halfway'))).toBe(true);

    const again = await openStore({ dataDir, logger, now });
    expect(await again.reader.get('SELECT name FROM amt')).toEqual({ name: 'Steuern' });
    expect(await again.reader.get(`SELECT name FROM sqlite_master WHERE name = 'new_thing'`)).toBeUndefined();
    await again.close();
  });

  it('refuses a store written by a newer version', async () => {
    const dataDir = fresh();
    const s = await openStore({ dataDir, logger, now });
    await s.write((tx) => tx.run('PRAGMA user_version = 999'));
    await s.close();
    expect((await failure(openStore({ dataDir, logger, now })))?.code).toBe('store.newer_schema');
  });

  it('reports a corrupt database file as such instead of crashing', async () => {
    const dataDir = fresh();
    writeFileSync(`${dataDir}/eakte.sqlite`, Buffer.alloc(8192, 0x5a));
    const err = await failure(openStore({ dataDir, logger, now }));
    expect(err?.code).toBe('store.corrupt');
    expect(err?.germanText).toMatch(/beschädigt/);
  });

  it('serialises concurrent write transactions and rolls back a failing one completely', async () => {
    const store = await openStore({ dataDir: fresh(), logger, now });
    const ok = (id: string) => store.write((tx) => tx.run(`INSERT INTO amt (id, name) VALUES (?, 'x')`, [id]));
    const bad = store.write(async (tx) => {
      await tx.run(`INSERT INTO amt (id, name) VALUES ('40', 'x')`);
      throw new Error('abort');
    });
    await Promise.all([ok('10'), bad.catch(() => undefined), ok('20')]);
    const rows = await store.reader.all<{ id: string }>('SELECT id FROM amt ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(['10', '20']);
    await store.close();
  });
});
