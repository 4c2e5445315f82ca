import { closeSync, fstatSync, openSync, read, readSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../contract/app-error';
import { openSafeZip, type ZipLimits } from '../zip/index';

/**
 * A received 0503 as a flat list of entries, from a ZIP (through the safe reader: zip slip, bombs and
 * limits are refused before anything is extracted) or from a folder the archivist already unpacked.
 */
export interface PackageSource {
  readonly name: string;
  readonly entries: readonly string[];
  /** One entry in memory; over `maxBytes` it is refused (ZIP entries are inflated and CRC-checked). */
  readBuffer(name: string, maxBytes: number): Promise<Buffer>;
  close(): void;
}

// Up to this size a file is read with one plain call on this thread (a page-cache copy of microseconds;
// four trips through libuv's pool would each wait behind the blob store's fsyncs there, 20,000 files per
// 0503); larger ones go through the pool in pieces, so the event loop is never held for long.
const READ_HERE = 1024 * 1024;
const readInPool = promisify(read);

/** One file whole: one open and one fstat (the limit and the buffer size), then read and close. */
async function readWhole(file: string, maxBytes: number): Promise<Buffer> {
  const fd = openSync(file, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) throw new AppError('xdomea.too_large', { maxBytes }, 'file in folder over the read limit');
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const want = Math.min(size - filled, READ_HERE);
      const n =
        size <= READ_HERE
          ? readSync(fd, bytes, filled, want, filled)
          : (await readInPool(fd, bytes, filled, want, filled)).bytesRead;
      if (n === 0) break; // it shrank while being read: what was there
      filled += n;
    }
    return bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

async function folderSource(folder: string): Promise<PackageSource> {
  const listing = await readdir(folder, { withFileTypes: true, recursive: true });
  const entries = listing
    .filter((e) => e.isFile())
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  return {
    name: path.basename(folder),
    entries,
    readBuffer: (name, maxBytes) => readWhole(path.join(folder, name), maxBytes),
    close() {},
  };
}

export async function openPackageSource(
  input: string,
  zipLimits?: Partial<ZipLimits>,
): Promise<PackageSource> {
  if ((await stat(input)).isDirectory()) return folderSource(input);
  const zip = await openSafeZip(input, zipLimits);
  return {
    name: path.basename(input),
    entries: zip.entries.filter((e) => !e.isDirectory).map((e) => e.name),
    readBuffer: (name, maxBytes) => zip.readBuffer(name, maxBytes),
    close: () => zip.close(),
  };
}
