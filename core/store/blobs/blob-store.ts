import { createHash, randomBytes } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../../contract/app-error';

export interface BlobRef {
  hash: string;
  size: number;
}

/** Content-addressed file storage: the SHA-256 of the bytes is the name, so equal content is stored once. */
export interface BlobStore {
  put(bytes: Uint8Array): Promise<BlobRef>;
  putStream(source: Readable | AsyncIterable<Uint8Array>): Promise<BlobRef>;
  /** Reads the whole blob and checks its hash; a mismatch is an error, never silently returned. */
  read(hash: string): Promise<Buffer>;
  /** Re-hashes a blob on disk without keeping it in memory. */
  verify(hash: string): Promise<BlobRef>;
  has(hash: string): Promise<boolean>;
  pathOf(hash: string): string;
}

const HASH = /^[0-9a-f]{64}$/;

export function createFileBlobStore(root: string): BlobStore {
  const tmpDir = join(root, 'tmp');
  const pathOf = (hash: string) => {
    if (!HASH.test(hash)) throw new Error(`not a sha256 hash: ${hash}`);
    return join(root, 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash);
  };

  /** temp file → fsync → rename → fsync directory: a crash leaves either nothing or the whole blob. */
  async function store(write: (fh: FileHandle) => Promise<BlobRef>): Promise<BlobRef> {
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomBytes(8).toString('hex')}.part`);
    const fh = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    let ref: BlobRef;
    try {
      ref = await write(fh);
      await fh.sync();
    } catch (err) {
      await fh.close();
      await rm(tmp, { force: true });
      throw mapFsError(err);
    }
    await fh.close();
    const target = pathOf(ref.hash);
    if (await exists(target)) {
      await rm(tmp, { force: true });
      return ref;
    }
    const dir = join(target, '..');
    await mkdir(dir, { recursive: true });
    await rename(tmp, target);
    await syncDir(dir);
    return ref;
  }

  return {
    pathOf,
    put: (bytes) =>
      store(async (fh) => {
        await fh.writeFile(bytes);
        return { hash: sha256(bytes), size: bytes.byteLength };
      }),
    putStream: (source) =>
      store(async (fh) => {
        const h = createHash('sha256');
        let size = 0;
        for await (const chunk of source as AsyncIterable<Uint8Array>) {
          h.update(chunk);
          size += chunk.byteLength;
          await fh.write(chunk);
        }
        return { hash: h.digest('hex'), size };
      }),
    async read(hash) {
      const bytes = await readFile(pathOf(hash)).catch((err) => {
        throw missingOr(err, hash);
      });
      if (sha256(bytes) !== hash) throw mismatch(hash);
      return bytes;
    },
    async verify(hash) {
      const h = createHash('sha256');
      let size = 0;
      try {
        for await (const chunk of createReadStream(pathOf(hash))) {
          h.update(chunk as Buffer);
          size += (chunk as Buffer).byteLength;
        }
      } catch (err) {
        throw missingOr(err, hash);
      }
      if (h.digest('hex') !== hash) throw mismatch(hash);
      return { hash, size };
    },
    has: (hash) => exists(pathOf(hash)),
  };
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

async function syncDir(dir: string): Promise<void> {
  // Directory fsync makes the rename durable; Windows cannot open directories, where NTFS journals it.
  if (process.platform === 'win32') return;
  const fh = await open(dir, constants.O_RDONLY);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

const mismatch = (hash: string) =>
  new AppError('store.blob_hash_mismatch', { hash: hash.slice(0, 12) }, `blob ${hash} content does not match its hash`);

function missingOr(err: unknown, hash: string): unknown {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
    return new AppError('store.blob_missing', { hash: hash.slice(0, 12) }, `blob ${hash} missing`, { cause: err });
  }
  return err;
}

function mapFsError(err: unknown): unknown {
  return (err as NodeJS.ErrnoException).code === 'ENOSPC'
    ? new AppError('store.disk_full', {}, 'no space left while writing blob', { cause: err })
    : err;
}
