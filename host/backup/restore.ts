import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError, isAppError } from '../../contract/app-error';
import { openSafeZip } from '../../archive/zip';
import { Connection } from '../../core/store/db';
import { createFileBlobStore } from '../../core/store/blobs/blob-store';
import { acquireInstanceLock } from '../../core/store/instance-lock';
import { migrations } from '../../core/store/migrations';
import { BACKUP_FORMAT, type BackupManifest } from './backup';

export interface RestoreResult {
  dataDir: string;
  previousMovedTo: string | null;
  blobs: number;
  schemaVersion: number;
}

const invalid = (reason: string, cause?: unknown) =>
  new AppError('backup.invalid', { reason }, `backup rejected: ${reason}`, cause ? { cause } : undefined);

/**
 * Checks a backup completely in a staging folder beside the data folder (manifest, database hash and
 * integrity_check, every referenced blob present and matching its hash) and only then swaps it in.
 * The previous data folder is kept under a dated name, never deleted.
 */
export async function restoreBackup(zipPath: string, dataDir: string, now: Date): Promise<RestoreResult> {
  await mkdir(dirname(dataDir), { recursive: true });
  let lock: { release(): void } | null = null;
  if (existsSync(dataDir)) {
    try {
      lock = acquireInstanceLock(dataDir);
    } catch (err) {
      if (isAppError(err) && err.code === 'store.locked_by_other_instance') {
        throw new AppError('backup.app_running', {}, 'restore while app runs', { cause: err });
      }
      throw err;
    }
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const staging = `${dataDir}.restore-${stamp}`;
  try {
    const zip = await openSafeZip(zipPath, { maxEntries: 10_000_000, maxTotalBytes: 1024 ** 4, maxRatio: 1000 });
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse((await zip.readBuffer('manifest.json', 1024 * 1024)).toString('utf8')) as BackupManifest;
    } catch (err) {
      throw isAppError(err) && err.code !== 'zip.entry_missing' ? err : invalid('manifest.json fehlt oder ist unlesbar', err);
    }
    if (manifest.format !== BACKUP_FORMAT) throw invalid(`unbekanntes Format ${String(manifest.format)}`);
    const latest = migrations.at(-1)?.version ?? 0;
    if (manifest.schemaVersion > latest) throw invalid(`Sicherung stammt von einer neueren Version (Schema ${manifest.schemaVersion})`);

    await mkdir(staging, { recursive: true });
    const db = await zip.extractFile('eakte.sqlite', join(staging, 'eakte.sqlite'));
    if (db.sha256 !== manifest.database.sha256) throw invalid('Prüfsumme der Datenbank stimmt nicht');
    const conn = await Connection.open(join(staging, 'eakte.sqlite'), 'readonly').catch((e: unknown) => {
      throw invalid('Datenbank nicht lesbar', e);
    });
    let hashes: string[];
    try {
      const check = await conn.get<{ integrity_check: string }>('PRAGMA integrity_check');
      if (check?.integrity_check !== 'ok') throw invalid('Datenbank fehlerhaft (integrity_check)');
      hashes = (await conn.all<{ hash: string }>('SELECT hash FROM blob')).map((r) => r.hash);
    } catch (err) {
      throw isAppError(err) && err.code === 'backup.invalid' ? err : invalid('Datenbank nicht lesbar', err);
    } finally {
      await conn.close();
    }

    const blobs = createFileBlobStore(join(staging, 'blobs'));
    for (const hash of hashes) {
      const name = `blobs/${hash}`;
      if (!zip.has(name)) throw invalid(`Datei ${hash.slice(0, 12)} fehlt`);
      const target = blobs.pathOf(hash);
      await mkdir(dirname(target), { recursive: true });
      const extracted = await zip.extractFile(name, target);
      if (extracted.sha256 !== hash) throw invalid(`Datei ${hash.slice(0, 12)} ist beschädigt`);
    }
    zip.close();

    let previousMovedTo: string | null = null;
    if (existsSync(dataDir)) {
      // Moved while still locked, so no app can start on the half-swapped folder; the lock goes with it.
      previousMovedTo = `${dataDir}.before-restore-${stamp}`;
      await rename(dataDir, previousMovedTo);
      await rm(join(previousMovedTo, 'eakte.lock'), { force: true });
      lock = null;
    }
    await rename(staging, dataDir);
    return { dataDir, previousMovedTo, blobs: hashes.length, schemaVersion: manifest.schemaVersion };
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  } finally {
    lock?.release();
  }
}
