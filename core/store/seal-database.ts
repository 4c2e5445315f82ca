import { existsSync } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../contract/app-error';
import type { Logger } from '../platform/logger';
import { Connection, sealedCopyTarget } from './db';
import { syncDir, syncFile } from './fsync';
import { heldByOtherInstance } from './instance-lock';

/** An encrypted database starts with its cipher salt; only a plain one starts with SQLite's own header. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

async function isPlainDatabase(file: string): Promise<boolean> {
  const fh = await open(file, 'r').catch(() => null);
  if (!fh) return false;
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(PLAIN_HEADER.length), 0, PLAIN_HEADER.length, 0);
    return bytesRead === PLAIN_HEADER.length && buffer.equals(PLAIN_HEADER);
  } finally {
    await fh.close();
  }
}

/**
 * Encrypts one plain database file: an encrypted copy (VACUUM INTO) is synced, checked with the key and
 * renamed over the original. A crash leaves the plain file or the sealed one under the name, never a
 * mix, and a later open starts again; the plain WAL is folded in first so none is left beside the sealed file.
 */
async function sealDatabaseFile(file: string, key: Buffer): Promise<void> {
  const sealing = `${file}.sealing`;
  await rm(sealing, { force: true });
  try {
    await writeSealedCopy(file, sealing, key);
  } catch (err) {
    await rm(sealing, { force: true }); // e.g. a full disk: give the space back, the plain file is untouched
    throw err;
  }
  // Closing the last plain connection checkpointed and removed the WAL; a non-empty one must not survive.
  if (((await stat(`${file}-wal`).catch(() => null))?.size ?? 0) > 0) throw new Error(`plain WAL of ${file} still holds pages`);
  await rm(`${file}-wal`, { force: true });
  await rm(`${file}-shm`, { force: true });
  await rename(sealing, file);
  await syncDir(dirname(file));
}

/** SQLite names the target URI, key included, in its errors (CANTOPEN): none of that may reach a log. */
function withoutKey(err: unknown, key: Buffer): unknown {
  const hex = key.toString('hex');
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    e.message = e.message.replaceAll(hex, '…');
    if (e.stack) e.stack = e.stack.replaceAll(hex, '…');
  }
  return err;
}

async function writeSealedCopy(file: string, sealing: string, key: Buffer): Promise<void> {
  const plain = await Connection.open(file, 'readwrite');
  try {
    await plain.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    await plain.run('VACUUM INTO ?', [sealedCopyTarget(sealing, key)]).catch((err: unknown) => {
      throw withoutKey(err, key);
    });
  } finally {
    await plain.close();
  }
  await syncFile(sealing);
  const check = await Connection.open(sealing, 'readonly', key);
  try {
    const row = await check.get<{ quick_check: string }>('PRAGMA quick_check');
    if (row?.quick_check !== 'ok') throw new Error(`encrypted copy of ${file} failed quick_check`);
  } finally {
    await check.close();
  }
}

/**
 * Seals the store's database and its pre-migration copies in `backups/` that are still plain text
 * (a store from before database encryption, a restored backup). Runs before the store is opened; a file
 * replaced under another process's open connection would lose that process's writes, so a folder another
 * running instance holds is refused.
 */
export async function sealPlainDatabases(dbPath: string, backupDir: string, key: Buffer, logger: Logger): Promise<number> {
  const backups = existsSync(backupDir) ? (await readdir(backupDir)).filter((n) => n.endsWith('.sqlite')).map((n) => join(backupDir, n)) : [];
  const plain: string[] = [];
  for (const file of [dbPath, ...backups]) if (await isPlainDatabase(file)) plain.push(file);
  if (plain.length && heldByOtherInstance(dirname(dbPath))) {
    throw new AppError('store.locked_by_other_instance', {}, 'plain database in use by another instance, not sealed');
  }
  for (const file of plain) await sealDatabaseFile(file, key);
  if (plain.length) logger.info('database files encrypted', { files: plain.length });
  return plain.length;
}
