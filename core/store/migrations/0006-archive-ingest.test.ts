import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { createLogger, memorySink } from '../../platform/logger';
import { openStore } from '../store';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('migration 0006 archive ingest', () => {
  it('keeps receipts, confirmations and fixity runs append-only; submissions may be registered later', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = await openStore({
      dataDir: dir.path,
      logger: createLogger([memorySink()]),
      now: new Date('2026-11-23T08:00:00Z'),
    });
    try {
      await store.write(async (tx) => {
        await tx.run(
          `INSERT INTO archiv_receipt (id, uuid, source_name, status, report, received_at, received_by)
           VALUES (1, 'r1', 'x.zip', 'ok', '{}', 'now', 'archiv')`,
        );
        await tx.run(
          `INSERT INTO archiv_submission (id, receipt_id, target, path, created_at, created_by) VALUES (1, 1, 't', '/p', 'now', 'archiv')`,
        );
        await tx.run(
          `INSERT INTO archiv_fixity_run (id, started_at, finished_at, run_by, packages, files, changed_packages) VALUES (1, 'a', 'b', 'archiv', 1, 3, 0)`,
        );
        await tx.run(
          `INSERT INTO archiv_fixity_result (run_id, submission_id, outcome, changes) VALUES (1, 1, 'ok', '[]')`,
        );
      });
      for (const statement of [
        `UPDATE archiv_receipt SET status = 'error'`,
        'DELETE FROM archiv_receipt',
        `UPDATE archiv_fixity_result SET outcome = 'changed'`,
        'DELETE FROM archiv_fixity_run',
      ])
        await expect(store.write((tx) => tx.run(statement))).rejects.toThrow(/append-only/);
      await expect(
        store.write((tx) =>
          tx.run(
            `INSERT INTO archiv_receipt (uuid, source_name, status, report, received_at, received_by) VALUES ('r2', 'y', 'maybe', '{}', 'n', 'a')`,
          ),
        ),
      ).rejects.toThrow(/CHECK/);
      expect(await store.reader.get('SELECT status FROM archiv_receipt WHERE id = 1')).toEqual({
        status: 'ok',
      });
    } finally {
      await store.close();
    }
  });
});
