import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { AppError } from '../../contract/app-error';
import { assertSafeEntryName, firstDuplicate } from './entry-name';
import { HashingStream } from './hashing-stream';
import { mapIoError } from './io-errors';

export type ZipSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'bytes'; readonly data: Uint8Array }
  /** Opened only when the entry is written, so many sources do not hold many open files. */
  | { readonly kind: 'stream'; readonly open: () => Readable };

export interface ZipWriteEntry {
  readonly name: string;
  readonly source: ZipSource;
  /** Deflate the entry; turn off for formats that are compressed already (PDF, JPEG, DOCX …). */
  readonly compress?: boolean;
}

export interface WrittenEntry {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
}

export interface WrittenZip {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly entries: readonly WrittenEntry[];
}

export interface ZipWriteOptions {
  /** Timestamp of every entry; passed in so the same input gives the same bytes (in the same time zone). */
  readonly modifiedAt: Date;
}

function openSource(source: ZipSource): Readable {
  switch (source.kind) {
    case 'file':
      return createReadStream(source.path);
    case 'bytes':
      return Readable.from([Buffer.from(source.data.buffer, source.data.byteOffset, source.data.byteLength)]);
    case 'stream':
      return source.open();
  }
}

async function checkSources(entries: readonly ZipWriteEntry[]): Promise<void> {
  for (const entry of entries) {
    if (entry.source.kind !== 'file') continue;
    const info = await stat(entry.source.path).catch(() => undefined);
    if (!info?.isFile()) {
      throw new AppError(
        'zip.source_missing',
        { name: entry.name },
        'zip source file missing or not a regular file',
      );
    }
  }
}

/**
 * Streams entries into a ZIP (ZIP64 where needed) with constant memory, hashing each entry and the whole
 * file on the way. Written to a temporary name and renamed, so `destPath` is either absent or complete.
 */
export async function writeZip(
  destPath: string,
  entries: readonly ZipWriteEntry[],
  options: ZipWriteOptions,
): Promise<WrittenZip> {
  entries.forEach((e) => assertSafeEntryName(e.name));
  const duplicate = firstDuplicate(entries.map((e) => e.name));
  if (duplicate !== undefined) {
    throw new AppError('zip.duplicate_entry', { name: duplicate }, 'zip entries collide by name');
  }
  await checkSources(entries);

  const zip = new ZipFile();
  // One hasher per entry only while it is written, kept afterwards as its digest: 20,000 idle hashing
  // streams made up front cost ~22 MB.
  const written: WrittenEntry[] = new Array<WrittenEntry>(entries.length);
  entries.forEach((entry, i) => {
    zip.addReadStreamLazy(
      entry.name,
      { mtime: options.modifiedAt, compress: entry.compress ?? true },
      (cb) => {
        const source = openSource(entry.source);
        const hasher = new HashingStream();
        hasher.on('end', () => {
          written[i] = { name: entry.name, size: hasher.size, sha256: hasher.sha256() };
        });
        // yazl does not watch lazily supplied streams for errors; a failing source must fail the whole file.
        source.on('error', (err) => zip.emit('error', err));
        cb(null, source.pipe(hasher));
      },
    );
  });
  zip.end();

  const tempPath = `${destPath}.partial`;
  const output = new HashingStream();
  const done = pipeline(zip.outputStream, output, createWriteStream(tempPath));
  zip.on('error', (err) => (zip.outputStream as Readable).destroy(err));
  try {
    await done;
    await rename(tempPath, destPath);
  } catch (err) {
    await rm(tempPath, { force: true });
    throw mapIoError(err, 'zip write failed');
  }
  return {
    path: destPath,
    size: output.size,
    sha256: output.sha256(),
    entries: written,
  };
}
