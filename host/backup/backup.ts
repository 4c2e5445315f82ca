import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../contract/app-error';
import type { Store } from '../../core/store/store';
import { writeZip, type ZipWriteEntry } from '../../archive/zip';
import { Connection, plainCopyTarget } from '../../core/store/db';

export const BACKUP_FORMAT = 'eakte-desk-backup/1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  schemaVersion: number;
  database: { name: string; sha256: string; size: number };
  blobs: number;
}

export interface BackupResult {
  path: string;
  size: number;
  sha256: string;
  blobs: number;
  schemaVersion: number;
}

async function fileSha256(path: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

/**
 * A consistent online backup into one ZIP: a VACUUM INTO snapshot of the database (a single read
 * transaction, so it is consistent while the app keeps working) plus every blob it references, each
 * verified against its hash on the way. Blobs never change once written, so copying them after the
 * snapshot is safe. Blob entries are named by their hash, so the ZIP verifies itself on restore.
 */
export async function createBackup(store: Store, out: string, now: Date): Promise<BackupResult> {
  if (existsSync(out)) throw new AppError('backup.target_exists', { path: out }, 'backup target exists');
  const work = await mkdtemp(join(tmpdir(), 'eakte-backup-'));
  try {
    const snapshot = join(work, 'eakte.sqlite');
    // Plain text even from an encrypted store: a backup restores on any machine (store it protected).
    await store.reader.get('VACUUM INTO ?', [plainCopyTarget(snapshot)]);
    const snap = await Connection.open(snapshot, 'readonly');
    const version = (await snap.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
    const hashes = (await snap.all<{ hash: string }>('SELECT hash FROM blob ORDER BY hash')).map((r) => r.hash);
    await snap.close();
    for (const hash of hashes) await store.blobs.verify(hash);

    const db = await fileSha256(snapshot);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      schemaVersion: version,
      database: { name: 'eakte.sqlite', ...db },
      blobs: hashes.length,
    };
    const entries: ZipWriteEntry[] = [
      { name: 'manifest.json', source: { kind: 'bytes', data: Buffer.from(JSON.stringify(manifest, null, 2)) } },
      { name: 'eakte.sqlite', source: { kind: 'file', path: snapshot } },
      ...hashes.map((hash) => ({
        name: `blobs/${hash}`,
        // Plaintext from the blob store (sealed at rest): a backup restores on any machine without the key.
        source: { kind: 'stream' as const, open: () => store.blobs.stream(hash) },
        compress: false,
      })),
    ];
    const zip = await writeZip(out, entries, { modifiedAt: now });
    return { path: zip.path, size: zip.size, sha256: zip.sha256, blobs: hashes.length, schemaVersion: version };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
