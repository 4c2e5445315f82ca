import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyProvider } from '../platform/key-provider';
import type { Logger } from '../platform/logger';
import { deriveDatabaseKey, loadBlobKey } from './blobs/blob-key';
import { createFileBlobStore, type BlobStore } from './blobs/blob-store';
import { sealExistingBlobs } from './blobs/seal-existing';
import { Connection, WriteQueue, type Queryable, type WriteTx } from './db';
import { migrate, type MigrationOutcome } from './migrate';
import { migrations as allMigrations, type Migration } from './migrations';
import { sealPlainDatabases } from './seal-database';

export interface Store {
  readonly dataDir: string;
  readonly dbPath: string;
  /** Read-only connection: never sees uncommitted writes, never blocks on them (WAL). */
  readonly reader: Queryable;
  readonly blobs: BlobStore;
  readonly migration: MigrationOutcome;
  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  dataDir: string;
  logger: Logger;
  now: Date;
  /** Tests pass a list with a failing step; the app always uses the shipped list. */
  migrations?: readonly Migration[];
  /** Seals blobs under a key this provider protects; without one a folder stays (or must be) plain. */
  keys?: KeyProvider;
}

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const dbPath = join(opts.dataDir, 'eakte.sqlite');
  const backupDir = join(opts.dataDir, 'backups');
  // One key envelope for blobs and database: what opens the blobs opens the database, nothing else does.
  const key = await loadBlobKey(opts.dataDir, opts.keys);
  const dbKey = key && deriveDatabaseKey(key);
  if (dbKey) await sealPlainDatabases(dbPath, backupDir, dbKey, opts.logger);
  const writer = await Connection.open(dbPath, 'readwrite', dbKey);
  try {
    // The first statement fails with SQLITE_NOTADB on a corrupt header, mapped to store.corrupt.
    await writer.exec('PRAGMA journal_mode = WAL');
    await writer.exec('PRAGMA synchronous = FULL');
    await writer.exec('PRAGMA foreign_keys = ON');
    await writer.exec('PRAGMA busy_timeout = 5000');
    const migration = await migrate(writer, opts.migrations ?? allMigrations, {
      backupDir,
      logger: opts.logger,
      now: opts.now,
    });
    const blobRoot = join(opts.dataDir, 'blobs');
    const blobs = createFileBlobStore(blobRoot, key);
    if (key) await sealExistingBlobs(blobRoot, blobs, opts.logger);
    const reader = await Connection.open(dbPath, 'readonly', dbKey);
    await reader.exec('PRAGMA busy_timeout = 5000');
    const queue = new WriteQueue(writer);
    return {
      dataDir: opts.dataDir,
      dbPath,
      reader,
      blobs,
      migration,
      write: (fn) => queue.transaction(fn),
      async close() {
        await reader.close();
        await writer.close();
      },
    };
  } catch (err) {
    await writer.close().catch(() => undefined);
    throw err;
  }
}

export type { Queryable, WriteTx } from './db';
