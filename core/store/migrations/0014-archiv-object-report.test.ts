import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { createLogger, memorySink } from '../../platform/logger';
import { openStore } from '../store';
import { migrations } from './index';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const node = (uuid: string, children: object[] = [], versions: object[] = []) => ({
  kind: 'akte',
  xdomeaUuid: uuid,
  title: `T ${uuid}`,
  status: 'ok',
  findings: uuid === 'c' ? [{ status: 'error', code: 'duplicate_uuid', detail: 'c' }] : [],
  versions,
  children,
});

describe('migration 0014 archiv_object_report', () => {
  it('copies the object tree of a receipt stored before into rows numbered like archiv_object, append-only', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const open = (upTo: number) =>
      openStore({
        dataDir: dir.path,
        logger: createLogger([memorySink()]),
        now: new Date('2026-11-23T08:00:00Z'),
        migrations: migrations.filter((m) => m.version <= upTo),
      });
    const versions = [{ number: '1', formats: [{ declaredCode: '045', file: { fileName: 'x.txt', present: true } }] }];
    const before = await open(13);
    await before.write(async (tx) => {
      const report = { objects: [node('a', [node('b', [node('c')]), node('d', [], versions)]), node('e')] };
      await tx.run(
        `INSERT INTO archiv_receipt (id, uuid, source_name, status, report, received_at, received_by)
         VALUES (1, 'r1', 'x.zip', 'error', ?, 'now', 'archiv')`,
        [JSON.stringify(report)],
      );
    });
    await before.close();
    const store = await open(14);
    try {
      const rows = await store.reader.all<Record<string, unknown>>(
        'SELECT position, depth, top_position, title, findings, versions FROM archiv_object_report ORDER BY position',
      );
      expect(rows.map((r) => [r.position, r.depth, r.top_position, r.title])).toEqual([
        [0, 0, 0, 'T a'],
        [1, 1, 0, 'T b'],
        [2, 2, 0, 'T c'],
        [3, 1, 0, 'T d'],
        [4, 0, 4, 'T e'],
      ]);
      expect(JSON.parse(rows[2]!.findings as string)).toEqual([{ status: 'error', code: 'duplicate_uuid', detail: 'c' }]);
      expect(JSON.parse(rows[3]!.versions as string)).toEqual(versions);
      for (const statement of ['UPDATE archiv_object_report SET depth = 9', 'DELETE FROM archiv_object_report'])
        await expect(store.write((tx) => tx.run(statement))).rejects.toThrow(/append-only/);
    } finally {
      await store.close();
    }
  });
});
