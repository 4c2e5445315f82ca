import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { silentLogger } from '../../platform/logger';
import { Connection } from '../db';
import { migrate } from '../migrate';
import { migrations } from './index';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('migration 0012 search prefix index', () => {
  it('rebuilds the index with prefix indexes: old documents are found by short prefixes, new ones too', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const conn = await Connection.open(join(dir.path, 'eakte.sqlite'), 'readwrite');
    const opts = { backupDir: join(dir.path, 'backups'), logger: silentLogger, now: new Date('2026-11-23T08:00:00Z') };
    const insert = async (id: number, body: string) => {
      await conn.run(`INSERT INTO document (id, uuid, title, status, created_at, updated_at) VALUES (?, ?, 'Bescheid', 'eingang', 'now', 'now')`, [id, `u${id}`]);
      await conn.run(`INSERT INTO document_text (document_id, title, sender, body, scope) VALUES (?, 'Bescheid', 'Stadt', ?, 'amt00')`, [id, body]);
    };
    const found = async (match: string) =>
      (await conn.all<{ rowid: number }>('SELECT rowid FROM document_fts WHERE document_fts MATCH ? ORDER BY rowid', [match])).map((r) => r.rowid);
    try {
      await migrate(conn, migrations.slice(0, 11), opts);
      await insert(1, 'Vollstreckung gegen Jürgen Müller');
      await insert(2, 'Verwaltungsgericht, Ladung');
      await migrate(conn, migrations, opts);
      await insert(3, 'Vollziehung ausgesetzt');

      const sql = (await conn.get<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE name = 'document_fts'`))!.sql;
      expect(sql).toMatch(/prefix = '1 2 3 4'/);
      expect(await found('"v"*')).toEqual([1, 2, 3]);
      expect(await found('"vol"*')).toEqual([1, 3]);
      expect(await found('"mu"*')).toEqual([1]);
      expect(await found('"verwaltungsg"*')).toEqual([2]);
      expect(await found('"vollstreckung"')).toEqual([1]);
      await conn.run(`DELETE FROM document_text WHERE document_id = 1`);
      expect(await found('"vol"*')).toEqual([3]);
      // FTS5 compares the index (prefix indexes included) with the content table and fails on a mismatch.
      await expect(conn.run(`INSERT INTO document_fts(document_fts, rank) VALUES ('integrity-check', 1)`)).resolves.toBeDefined();
    } finally {
      await conn.close();
    }
  });
});
