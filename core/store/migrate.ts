import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../contract/app-error';
import type { Logger } from '../platform/logger';
import { type Connection, WriteQueue } from './db';
import type { Migration } from './migrations';

export interface MigrationOutcome {
  from: number;
  to: number;
  backupPath: string | null;
}

/**
 * Brings the schema to the newest version. A store that already has data is first copied with
 * VACUUM INTO; each migration runs in its own transaction together with its user_version bump, so a
 * failure leaves the store at the last good version.
 */
export async function migrate(
  conn: Connection,
  all: readonly Migration[],
  opts: { backupDir: string; logger: Logger; now: Date },
): Promise<MigrationOutcome> {
  const row = await conn.get<{ user_version: number }>('PRAGMA user_version');
  const from = row?.user_version ?? 0;
  const latest = all.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new AppError('store.newer_schema', { found: from, expected: latest }, `schema ${from} > ${latest}`);
  }
  if (from === latest) return { from, to: from, backupPath: null };

  let backupPath: string | null = null;
  if (from > 0) {
    mkdirSync(opts.backupDir, { recursive: true });
    const stamp = opts.now.toISOString().replace(/[:.]/g, '-');
    backupPath = join(opts.backupDir, `store-v${from}-${stamp}.sqlite`);
    await conn.run('VACUUM INTO ?', [backupPath]);
    opts.logger.info('store backup before migration', { from, to: latest });
  }

  const queue = new WriteQueue(conn);
  for (const m of all.filter((m) => m.version > from)) {
    try {
      await queue.transaction(async (tx) => {
        await m.up(tx);
        await tx.run(`PRAGMA user_version = ${m.version}`);
      });
      opts.logger.info('store migrated', { version: m.version, name: m.name });
    } catch (err) {
      opts.logger.error('store migration failed', {
        version: m.version,
        name: m.name,
        stack: err instanceof Error ? err.stack : String(err),
      });
      throw new AppError(
        'store.migration_failed',
        { version: m.version, backup: backupPath ?? '–' },
        `migration ${m.version} (${m.name}) failed`,
        { cause: err },
      );
    }
  }
  return { from, to: latest, backupPath };
}
