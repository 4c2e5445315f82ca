import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { copyFile, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../../../contract/app-error';
import { mapPool } from '../../jobs/pool';
import { fileSystemFlushReportsErrors, fsyncFd, syncDir, syncFile, syncFileSystem } from '../fsync';
import { isSealed, MAGIC, readSealed, readSealedRange, segmentWriter } from './blob-cipher';

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
  /** Plaintext bytes [offset, offset+length) without reading the rest (resumable uploads, magic bytes). */
  readRange(hash: string, offset: number, length: number): Promise<Buffer>;
  /** The plaintext as a stream (each sealed segment authenticated; the whole-file hash is verify()'s job). */
  stream(hash: string): Readable;
  /**
   * Copies the plaintext into the new file `dest` (never over an existing one), owner-only like the store's
   * files; not fsynced (the caller makes it durable with whatever it publishes). A plain blob is copied by
   * the file system (a reflink where it can, else copy_file_range) without being read or re-hashed here:
   * its name was its hash when stored, and the store's fixity check re-hashes it. A sealed blob is
   * decrypted on the way and its plaintext checked against the hash. A failed copy leaves no file at `dest`.
   */
  copyTo(hash: string, dest: string): Promise<void>;
  /** Where the blob lives on disk (sealed when the store is encrypted): for deleting and listing only. */
  pathOf(hash: string): string;
  /** The names of all files in the store's folders (blobs are named by their hash; both layouts). */
  list(): Promise<string[]>;
  /** Rewrites a plain blob sealed under the store key (atomic rename); false when it already was. */
  seal(hash: string): Promise<boolean>;
  /**
   * Bulk write (archive ingest, initial sync): `put`/`putStream` on the batch write temp files; `commit()`
   * makes all of them durable, then renames them into place and makes the renames durable. On Linux ≥ 5.8
   * that is one syncfs before and one after the renames; elsewhere each file is fsynced while the batch
   * fills and each folder once after the renames. Reference the batch's blobs in the database only after
   * `commit()` resolved: before, they are not in the store, and a crash leaves only temp files. `abort()`
   * removes what the batch wrote.
   */
  batch(): BlobBatch;
}

export interface BlobBatch {
  put(bytes: Uint8Array): Promise<BlobRef>;
  putStream(source: Readable | AsyncIterable<Uint8Array>): Promise<BlobRef>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/;

export interface BlobStoreOptions {
  /** false: batches fsync file by file as off Linux ≥ 5.8 (default: one syncfs per phase where it reports errors). */
  fileSystemFlush?: boolean;
}

/** Without a key blobs are stored as plain files; with one, every new blob is sealed (blob-cipher.ts). */
export function createFileBlobStore(root: string, key?: Buffer, options: BlobStoreOptions = {}): BlobStore {
  const tmpDir = join(root, 'tmp');
  const fanOut = join(root, 'sha256');
  /**
   * New blobs go to `sha256/xx/<hash>`: 256 folders. Stores before 2026-11 put them in `sha256/xx/yy/<hash>`,
   * a folder per blob for their first tens of thousands (a new folder costs about what the blob's own file
   * does: ext4 CPU on the calling thread, a journal entry, a directory block); those are still found there.
   */
  const flatPath = (hash: string) => {
    if (!HASH.test(hash)) throw new Error(`not a sha256 hash: ${hash}`);
    return join(fanOut, hash.slice(0, 2), hash);
  };
  const nestedPath = (hash: string) => join(fanOut, hash.slice(0, 2), hash.slice(2, 4), hash);
  // existsSync: a look-up in the directory cache, without the cost of an error object per missing blob.
  const exists = (hash: string) => existsSync(flatPath(hash)) || existsSync(nestedPath(hash));
  /** Where the blob is (either layout), or where a new one goes. */
  const pathOf = (hash: string) => {
    const flat = flatPath(hash);
    if (existsSync(flat)) return flat;
    const nested = nestedPath(hash);
    return existsSync(nested) ? nested : flat;
  };
  // Temp names: a random prefix per store and a counter (O_EXCL still guards against any clash).
  const tmpPrefix = randomBytes(6).toString('hex');
  let tmpCounter = 0;
  /** Fan-out folders (`sha256`, `sha256/xx`, old `sha256/xx/yy`) that exist with their entry durable, or are being made so. */
  const readyDirs = new Map<string, Promise<void>>();

  /**
   * Makes a fan-out folder exist durably, once per folder and store, its parents first: after mkdir the
   * parent, which gained the entry, is fsynced. A folder found existing (earlier run, other process) gets
   * that fsync too, since whoever made it may not have done it yet.
   */
  function ensureDir(dir: string): Promise<void> {
    let ready = readyDirs.get(dir);
    if (!ready) {
      ready = (async () => {
        const parent = dirname(dir);
        if (dir === fanOut) mkdirSync(parent, { recursive: true });
        else await ensureDir(parent);
        try {
          mkdirSync(dir);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw mapFsError(err);
        }
        await syncDirShared(parent);
      })();
      readyDirs.set(dir, ready);
      ready.catch(() => readyDirs.delete(dir));
    }
    return ready;
  }

  /** Per folder: the fsync running, and the one queued behind it for everyone who asked meanwhile. */
  const dirSyncs = new Map<string, { running: Promise<void>; queued: Promise<void> | null }>();

  /**
   * fsyncs a folder in a run that starts after the call: callers while one runs share the next one (a
   * batch's new blob folders share few parents, each would otherwise get an fsync of its own).
   */
  function syncDirShared(dir: string): Promise<void> {
    const start = (): Promise<void> => {
      const running = syncDir(dir).finally(() => {
        if (dirSyncs.get(dir)?.queued === null) dirSyncs.delete(dir);
      });
      dirSyncs.set(dir, { running, queued: null });
      return running;
    };
    const entry = dirSyncs.get(dir);
    if (!entry) return start();
    entry.queued ??= entry.running.catch(() => undefined).then(start);
    return entry.queued;
  }

  /** Opens a fresh temp file; the temp folder is created at the first one, or again when it has gone missing. */
  function openTemp(): { tmp: string; fd: number } {
    const tmp = join(tmpDir, `${tmpPrefix}-${tmpCounter++}.part`);
    const create = () => openSync(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    try {
      try {
        return { tmp, fd: create() };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        mkdirSync(tmpDir, { recursive: true });
        return { tmp, fd: create() };
      }
    } catch (err) {
      throw mapFsError(err);
    }
  }

  /** Writes a temp file and leaves it open, so the fsync needs no second open. */
  async function writeTemp(write: (fd: number) => Promise<BlobRef>): Promise<Written> {
    const { tmp, fd } = openTemp();
    try {
      return { tmp, fd, ref: await write(fd) };
    } catch (err) {
      closeSync(fd);
      await rm(tmp, { force: true });
      throw mapFsError(err);
    }
  }

  /** Renames a synced temp file to its hash name; returns its folder to fsync, or null when the blob existed. */
  async function place(tmp: string, hash: string, replace: boolean, again = false): Promise<string | null> {
    if (!replace && exists(hash)) {
      await rm(tmp, { force: true });
      return null;
    }
    // A replaced blob (sealed in place) stays in its layout.
    const target = replace ? pathOf(hash) : flatPath(hash);
    const leaf = dirname(target);
    await ensureDir(leaf);
    try {
      renameSync(tmp, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || again) throw err;
      // The folder went away since it was made: once more with new ones.
      readyDirs.delete(leaf);
      readyDirs.delete(dirname(leaf));
      return place(tmp, hash, replace, true);
    }
    return leaf;
  }

  /** temp file → fsync → rename → fsync folders: a crash leaves either nothing or the whole blob. */
  async function store(write: (fd: number) => Promise<BlobRef>, replace = false): Promise<BlobRef> {
    const written = await writeTemp(write);
    await syncAndClose(written);
    const dir = await place(written.tmp, written.ref.hash, replace);
    if (dir) await syncDir(dir);
    return written.ref;
  }

  /** Per file (off Linux ≥ 5.8): each temp file fsynced while the batch fills, its folder made durable. */
  function fileBatch(): BlobBatch {
    const pending = new Map<string, { tmp: string; synced: Promise<void> }>(); // hash → temp file
    const background: Promise<unknown>[] = [];
    const add = async (written: Promise<Written>) => {
      const w = await written;
      // The fsync and the blob's folder are done while the caller goes on (downloads); commit waits for them.
      const synced = syncAndClose(w).then(() => ensureDir(dirname(flatPath(w.ref.hash))));
      background.push(synced.catch(() => undefined));
      if (pending.has(w.ref.hash)) background.push(synced.then(() => rm(w.tmp, { force: true })).catch(() => undefined));
      else pending.set(w.ref.hash, { tmp: w.tmp, synced });
      // Writes outrun the fsyncs: without this wait every temp file (and new folder) of the batch stays open
      // waiting for the thread pool, and a large batch runs out of file descriptors (EMFILE).
      if (background.length > BATCH_OPEN_FILES) await background[background.length - 1 - BATCH_OPEN_FILES];
      return w.ref;
    };
    const settle = () => Promise.all(background.splice(0));
    return {
      ...puts(add, (hash) => pending.has(hash) || exists(hash)),
      async commit() {
        const entries = [...pending];
        pending.clear();
        try {
          // Every file durable before any rename: a blob under its final name is always complete.
          await Promise.all(entries.map(([, e]) => e.synced));
        } catch (err) {
          await settle();
          await removeTemps(entries.map(([, e]) => e.tmp));
          throw err;
        }
        await settle();
        const dirs = new Set<string>();
        await mapPool(entries, SYNC_LIMIT, async ([hash, e]) => {
          const dir = await place(e.tmp, hash, false);
          if (dir) dirs.add(dir);
        });
        await mapPool([...dirs], SYNC_LIMIT, syncDir);
      },
      async abort() {
        const tmps = [...pending.values()].map((e) => e.tmp);
        pending.clear();
        await settle();
        await removeTemps(tmps);
      },
    };
  }

  /** Fan-out folders made by this store without their entries made durable yet (a flush does that). */
  const madeDirs = new Set<string>();

  /**
   * Linux ≥ 5.8: a put writes and closes its temp file and makes the blob's folder, nothing fsynced. The
   * commit flushes the file system once (all temp data durable), renames, and flushes again (renames and
   * new folders durable) before it resolves: two syncfs per batch instead of an fsync per file and folder.
   * When a flush fails (`sync` missing, an I/O error), that phase falls back to an fsync per file or folder,
   * which reports an error itself.
   */
  function flushedBatch(): BlobBatch {
    const pending = new Map<string, string>(); // hash → temp file
    const add = async (written: Promise<Written>) => {
      const { tmp, fd, ref } = await written;
      closeSync(fd);
      if (pending.has(ref.hash)) rmSync(tmp, { force: true });
      else {
        pending.set(ref.hash, tmp);
        makeDir(dirname(flatPath(ref.hash)));
      }
      return ref;
    };
    return {
      ...puts(add, (hash) => pending.has(hash) || exists(hash)),
      async commit() {
        const entries = [...pending];
        pending.clear();
        if (entries.length === 0) return;
        try {
          // Every file durable before any rename: a blob under its final name is always complete.
          if (!(await syncFileSystem(tmpDir))) await mapPool(entries, SYNC_LIMIT, ([, tmp]) => syncFile(tmp));
        } catch (err) {
          await removeTemps(entries.map(([, tmp]) => tmp));
          throw mapFsError(err);
        }
        const leaves = new Set<string>();
        for (const [hash, tmp] of entries) {
          if (moveInPlace(tmp, hash)) leaves.add(dirname(flatPath(hash)));
        }
        if (await syncFileSystem(fanOut)) {
          for (const leaf of leaves) markDurable(leaf);
        } else {
          // ensureDir fsyncs the parent of each folder, found existing or not; then the folder's own renames.
          await mapPool([...leaves], SYNC_LIMIT, async (leaf) => {
            await ensureDir(leaf);
            await syncDir(leaf);
          });
        }
      },
      async abort() {
        const tmps = [...pending.values()];
        pending.clear();
        await removeTemps(tmps);
      },
    };
  }

  /** Makes a blob's fan-out folder (plain calls, no fsync) unless this store made or found it before. */
  function makeDir(leaf: string): void {
    if (madeDirs.has(leaf) || readyDirs.has(leaf)) return;
    try {
      mkdirSync(leaf, { recursive: true });
    } catch (err) {
      throw mapFsError(err);
    }
    madeDirs.add(leaf);
  }

  /** After a flush: the folder and its parents are durable, so single puts skip their fsyncs. */
  function markDurable(leaf: string): void {
    madeDirs.delete(leaf);
    for (let dir = leaf; dir !== root && !readyDirs.has(dir); dir = dirname(dir)) readyDirs.set(dir, Promise.resolve());
  }

  /** Renames a durable temp file to its hash name (plain call); false when the blob was there already. */
  function moveInPlace(tmp: string, hash: string): boolean {
    if (exists(hash)) {
      rmSync(tmp, { force: true });
      return false;
    }
    const target = flatPath(hash);
    try {
      try {
        renameSync(tmp, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        // The folder went away since it was made: once more with a new one.
        readyDirs.delete(dirname(target));
        madeDirs.delete(dirname(target));
        makeDir(dirname(target));
        renameSync(tmp, target);
      }
    } catch (err) {
      throw mapFsError(err);
    }
    return true;
  }

  /**
   * A batch's put and putStream: each writes a temp file and hands it to the batch's `add`. Bytes whose hash
   * the batch already has, or the store (a package received again), are not written at all: a temp file's
   * create, write and removal cost ~0.5 ms on the main thread (profiled in the ingest benchmark).
   */
  const puts = (add: (written: Promise<Written>) => Promise<BlobRef>, known: (hash: string) => boolean): Pick<BlobBatch, 'put' | 'putStream'> => ({
    put: async (bytes) => {
      const ref = refOf(bytes);
      return known(ref.hash) ? ref : add(writeTemp(putBytes(bytes, ref)));
    },
    putStream: (source) => add(writeTemp(putSource(source))),
  });

  const removeTemps = (tmps: string[]) => mapPool(tmps, SYNC_LIMIT, (tmp) => rm(tmp, { force: true }));

  const batch = (): BlobBatch => ((options.fileSystemFlush ?? fileSystemFlushReportsErrors) ? flushedBatch() : fileBatch());

  const writeTo = (fd: number) => {
    const file = { write: async (chunk: Uint8Array) => writeAll(fd, chunk) };
    return key ? segmentWriter(key, file) : { ...file, end: async () => undefined };
  };

  const putBytes = (bytes: Uint8Array, ref: BlobRef) => async (fd: number) => {
    const out = writeTo(fd);
    await out.write(bytes);
    await out.end();
    return ref;
  };

  const putSource = (source: Readable | AsyncIterable<Uint8Array>) => async (fd: number) => {
    const out = writeTo(fd);
    const h = createHash('sha256');
    let size = 0;
    for await (const chunk of source as AsyncIterable<Uint8Array>) {
      h.update(chunk);
      size += chunk.byteLength;
      await out.write(chunk);
    }
    await out.end();
    return { hash: h.digest('hex'), size };
  };

  /** Plaintext chunks of a blob, sealed or plain (a store may hold both while existing blobs are being encrypted). */
  async function* chunks(hash: string): AsyncGenerator<Buffer> {
    const blob = await openBlob(hash);
    try {
      yield* blob.key ? readSealed(blob.key, blob.fh, blob.size) : plainChunks(blob.fh, blob.size);
    } catch (err) {
      throw blob.key ? sealedError(err, hash) : err;
    } finally {
      await blob.fh.close();
    }
  }

  /** Opens a blob (one open per read: bulk reads such as packaging are mostly small files); `key` when sealed. */
  async function openBlob(hash: string): Promise<{ fh: FileHandle; size: number; key?: Buffer }> {
    const fh = await open(pathOf(hash), 'r').catch((err: unknown) => {
      throw missingOr(err, hash);
    });
    const head = Buffer.alloc(MAGIC.length);
    const [{ bytesRead }, { size }] = await Promise.all([fh.read(head, 0, head.length, 0), fh.stat()]);
    if (!isSealed(head.subarray(0, bytesRead))) return { fh, size };
    if (!key) {
      await fh.close();
      throw new AppError('keys.unavailable', {}, `blob ${hash} is encrypted but the store was opened without a key`);
    }
    return { fh, size, key };
  }

  /**
   * Whether a blob is sealed, from its first bytes, with plain calls on this thread: microseconds, where a
   * trip through the thread pool each would queue behind the copies and fsyncs in it.
   */
  function sealedOnDisk(hash: string): boolean {
    let fd: number;
    try {
      fd = openNoAtime(pathOf(hash));
    } catch (err) {
      throw missingOr(err, hash);
    }
    try {
      const head = Buffer.alloc(MAGIC.length);
      return isSealed(head.subarray(0, readSync(fd, head, 0, head.length, 0)));
    } finally {
      closeSync(fd);
    }
  }

  /** Hashes the plaintext; `keep` collects the chunks for read(). */
  /** Reads the plaintext through, each chunk handed to `each`, and checks it against its hash. */
  async function verify(hash: string, each?: (chunk: Buffer) => unknown): Promise<BlobRef> {
    const h = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of chunks(hash)) {
        h.update(chunk);
        size += chunk.byteLength;
        await each?.(chunk);
      }
    } catch (err) {
      throw missingOr(err, hash);
    }
    if (h.digest('hex') !== hash) throw mismatch(hash);
    return { hash, size };
  }

  return {
    pathOf,
    put: (bytes) => store(putBytes(bytes, refOf(bytes))),
    putStream: (source) => store(putSource(source)),
    batch,
    async read(hash) {
      const parts: Buffer[] = [];
      await verify(hash, (chunk) => parts.push(chunk));
      return Buffer.concat(parts);
    },
    verify: (hash) => verify(hash),
    async readRange(hash, offset, length) {
      const blob = await openBlob(hash);
      try {
        if (blob.key) return await readSealedRange(blob.key, blob.fh, blob.size, offset, length);
        const { buffer, bytesRead } = await blob.fh.read(Buffer.alloc(length), 0, length, offset);
        return buffer.subarray(0, bytesRead);
      } catch (err) {
        throw blob.key ? sealedError(err, hash) : err;
      } finally {
        await blob.fh.close();
      }
    },
    async seal(hash) {
      if (!key) throw new Error('sealing needs a key');
      if (await openBlob(hash).then(async (b) => (await b.fh.close(), b.key !== undefined))) return false;
      // Verified before sealing: a damaged plain blob stays as it is for the fixity check to report.
      await verify(hash);
      await store(async (fd) => {
        const out = writeTo(fd);
        for await (const chunk of chunks(hash)) await out.write(chunk);
        await out.end();
        return { hash, size: 0 };
      }, true);
      return true;
    },
    async copyTo(hash, dest) {
      if (!sealedOnDisk(hash)) {
        await copyFile(pathOf(hash), dest, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE).catch(async (err: unknown) => {
          // A copy cut short (disk full) is removed; an existing file at dest is not ours to remove.
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await rm(dest, { force: true });
          throw mapFsError(err);
        });
        return;
      }
      const out = await open(dest, 'wx', 0o600).catch((err: unknown) => {
        throw mapFsError(err);
      });
      try {
        // A failed write is the disk's fault (mapped), anything else the blob's (verify's errors).
        await verify(hash, (chunk) => out.write(chunk).catch((err: unknown) => {
          throw mapFsError(err);
        }));
      } catch (err) {
        await out.close();
        await rm(dest, { force: true });
        throw err;
      }
      await out.close();
    },
    stream: (hash) => Readable.from(chunks(hash)),
    has: async (hash) => exists(hash),
    async list() {
      const names: string[] = [];
      for (const xx of await entries(fanOut)) {
        if (!xx.isDirectory()) continue;
        for (const e of await entries(join(fanOut, xx.name))) {
          if (e.isFile()) names.push(e.name);
          else if (e.isDirectory()) names.push(...(await entries(join(fanOut, xx.name, e.name))).filter((f) => f.isFile()).map((f) => f.name));
        }
      }
      return names;
    },
  };
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const refOf = (bytes: Uint8Array): BlobRef => ({ hash: sha256(bytes), size: bytes.byteLength });

interface Written {
  tmp: string;
  fd: number;
  ref: BlobRef;
}

/**
 * Temp files are opened, written, closed and renamed with plain calls on this thread, and only the fsyncs go
 * to libuv's thread pool: a page-cache copy or a directory entry costs microseconds, while a trip through the
 * pool costs a queue hand-off each and waits behind the fsyncs that occupy its threads (profiled in the
 * initial sync: the hand-offs of open, write and close were a quarter of the busy main thread).
 */
function writeAll(fd: number, chunk: Uint8Array): void {
  for (let done = 0; done < chunk.byteLength; ) done += writeSync(fd, chunk, done);
}

/**
 * Opens for reading without updating the access time (Linux, files of our own): a blob's first read would
 * otherwise dirty its inode, a journal update on the calling thread that waits for any commit running.
 */
function openNoAtime(file: string): number {
  try {
    return openSync(file, constants.O_RDONLY | (constants.O_NOATIME ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
    return openSync(file, 'r'); // not the file's owner: O_NOATIME is refused
  }
}

/** fsync and close a written temp file; when the fsync fails the temp file is removed. */
async function syncAndClose({ tmp, fd }: Written): Promise<void> {
  try {
    await fsyncFd(fd);
  } catch (err) {
    closeSync(fd);
    await rm(tmp, { force: true });
    throw mapFsError(err);
  }
  closeSync(fd);
}

/** fsyncs in flight at once: they overlap in the thread pool and the disk queue. */
const SYNC_LIMIT = 16;
/** Temp files a batch keeps open while their fsyncs catch up: far below every platform's descriptor limit. */
export const BATCH_OPEN_FILES = 256;

const READ_CHUNK = 1024 * 1024;

/** A folder's entries; none when it does not exist. */
const entries = (dir: string) => readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
  throw err;
});

/** A plain blob's bytes in chunks from an open handle, up to the size it had when opened. */
async function* plainChunks(fh: FileHandle, size: number): AsyncGenerator<Buffer> {
  for (let pos = 0; pos < size; ) {
    const want = Math.min(READ_CHUNK, size - pos);
    const { bytesRead, buffer } = await fh.read(Buffer.allocUnsafe(want), 0, want, pos);
    if (bytesRead === 0) return;
    pos += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

/** GCM refuses a changed segment: for the caller that is the same as a hash mismatch. */
const sealedError = (err: unknown, hash: string) => (err instanceof AppError ? err : new AppError('store.blob_hash_mismatch', { hash: hash.slice(0, 12) }, `blob ${hash} failed authentication`, { cause: err }));

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
