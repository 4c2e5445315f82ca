import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { createLogger, memorySink } from '../../platform/logger';
import { openStore } from '../store';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('migration 0011 digitalisate', () => {
  it('keeps pages append-only, tied to a stored blob, one Signatur per Bestand', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = await openStore({
      dataDir: dir.path,
      logger: createLogger([memorySink()]),
      now: new Date('2026-11-23T08:00:00Z'),
    });
    const page = (hash: string) =>
      `INSERT INTO archiv_unit_page (unit_id, position, file_name, sha256, size, page_in_file, puid, format_name,
         mime_type, width, height, dpi, colour, added_at, added_by)
       VALUES (1, 1, 's1.tif', '${hash}', 3, 0, 'fmt/353', 'TIFF', 'image/tiff', 10, 10, 300, 'grey', 'now', 'archiv')`;
    const unit = (id: number, signatur: string) =>
      `INSERT INTO archiv_unit (id, uuid, bestand, signatur, titel, laufzeit, provenienz, created_at, created_by)
       VALUES (${id}, 'u${id}', 'B 1', '${signatur}', 'T', '1900-1910', 'P', 'now', 'archiv')`;
    try {
      await store.write(async (tx) => {
        await tx.run(`INSERT INTO blob (hash, size, created_at) VALUES ('${'a'.repeat(64)}', 3, 'now')`);
        await tx.run(unit(1, 'Nr. 1'));
        await tx.run(page('a'.repeat(64)));
      });
      await expect(store.write((tx) => tx.run(unit(2, 'Nr. 1')))).rejects.toThrow(/UNIQUE/);
      await expect(store.write((tx) => tx.run(page('b'.repeat(64))))).rejects.toThrow(/constraint/i);
      for (const statement of ['UPDATE archiv_unit_page SET width = 1', 'DELETE FROM archiv_unit_page'])
        await expect(store.write((tx) => tx.run(statement))).rejects.toThrow(/append-only/);
      expect(await store.reader.get('SELECT count(*) AS n FROM archiv_unit_page')).toEqual({ n: 1 });
    } finally {
      await store.close();
    }
  });
});
