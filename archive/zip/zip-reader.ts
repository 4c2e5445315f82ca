import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError, isAppError } from '../../contract/app-error';
import { entryNameKey, entryNameProblem } from './entry-name';
import { HashingStream } from './hashing-stream';
import { isErrno, mapIoError } from './io-errors';

export interface ZipLimits {
  readonly maxEntries: number;
  /** Sum of the declared uncompressed sizes; yauzl holds every entry to its declared size while reading. */
  readonly maxTotalBytes: number;
  /** Highest uncompressed:compressed ratio of one entry before it counts as a bomb. */
  readonly maxRatio: number;
  /** Entries smaller than this are not ratio-checked (small text compresses well and harms no one). */
  readonly ratioCheckFromBytes: number;
}

export const defaultZipLimits: ZipLimits = {
  // An Aussonderung of 1,000 Akten holds ~20,000 documents, and a converted scan travels with its original.
  maxEntries: 200_000,
  maxTotalBytes: 16 * 1024 ** 3,
  maxRatio: 100,
  ratioCheckFromBytes: 1024 * 1024,
};

export interface ZipEntryInfo {
  readonly name: string;
  readonly size: number;
  readonly compressedSize: number;
  readonly isDirectory: boolean;
}

export interface ExtractedFile {
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

interface CheckedEntry {
  readonly info: ZipEntryInfo;
  readonly entry: Entry;
}

const UNIX = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const LOCAL_HEADER_FIXED_BYTES = 30;

const corrupt = (cause: unknown, what: string): AppError =>
  new AppError('zip.corrupt', {}, `zip unreadable: ${what}`, { cause });

/** The raw name bytes: we open with decodeStrings off so that yauzl's own name checks do not pre-empt ours. */
function decodeName(entry: Entry): string {
  const raw = entry.fileName as unknown;
  if (!Buffer.isBuffer(raw))
    throw new Error('yauzl returned a decoded file name although decodeStrings is off');
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
}

function checkEntry(entry: Entry, name: string, limits: ZipLimits): ZipEntryInfo {
  const reason = entryNameProblem(name);
  if (reason !== undefined)
    throw new AppError('zip.unsafe_entry_name', { name, reason }, 'zip entry name unsafe');
  const fileType = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (entry.versionMadeBy >>> 8 === UNIX && fileType !== 0 && fileType !== S_IFREG && fileType !== S_IFDIR) {
    throw new AppError('zip.link_entry', { name }, 'zip entry is a symlink or special file');
  }
  if (entry.isEncrypted()) throw new AppError('zip.encrypted_entry', { name }, 'zip entry is encrypted');
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new AppError(
      'zip.unsupported_compression',
      { name, method: entry.compressionMethod },
      `zip entry uses compression method ${entry.compressionMethod}`,
    );
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize >= limits.ratioCheckFromBytes && ratio > limits.maxRatio) {
    throw new AppError(
      'zip.suspicious_ratio',
      { name, ratio: Math.round(ratio), limit: limits.maxRatio },
      `zip entry compression ratio ${Math.round(ratio)} exceeds limit`,
    );
  }
  return {
    name,
    size: entry.uncompressedSize,
    compressedSize: entry.compressedSize,
    isDirectory: name.endsWith('/'),
  };
}

// `a` as a file and `a/b` as another entry cannot both be extracted.
function assertNoFileAsFolder(entries: readonly CheckedEntry[]): void {
  const files = new Set(entries.filter((e) => !e.info.isDirectory).map((e) => entryNameKey(e.info.name)));
  for (const { info } of entries) {
    const segments = info.name.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      if (files.has(entryNameKey(folder))) {
        throw new AppError(
          'zip.duplicate_entry',
          { name: folder },
          'zip has a file where a folder is needed',
        );
      }
    }
  }
}

// Entries whose data overlap (a known zip-bomb construction) would let a small file expand many times.
function assertNoOverlap(entries: readonly CheckedEntry[]): void {
  const sorted = entries
    .map((e) => e.entry)
    .sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const minimalEnd =
      previous.relativeOffsetOfLocalHeader +
      LOCAL_HEADER_FIXED_BYTES +
      previous.fileNameLength +
      previous.compressedSize;
    if (minimalEnd > sorted[i]!.relativeOffsetOfLocalHeader) {
      throw new AppError('zip.overlapping_entries', {}, 'zip entries overlap');
    }
  }
}

/** Fails the stream when the CRC-32 of the inflated data differs from the directory's (yauzl does not check). */
class CrcCheck extends Transform {
  private crc = 0;
  constructor(private readonly expected: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.crc = crc32(chunk, this.crc);
    callback(null, chunk);
  }
  override _flush(callback: TransformCallback): void {
    callback(this.crc === this.expected ? null : corrupt(undefined, 'crc32 mismatch'));
  }
}

/**
 * A ZIP whose directory has been checked as a whole before any content is read: entry count, names
 * (zip slip), links and special files, encryption, compression method, per-entry ratio, total size and
 * overlapping entries. Content is streamed with declared sizes and CRC-32 enforced.
 */
export class SafeZip {
  private readonly byName: ReadonlyMap<string, CheckedEntry>;

  private constructor(
    private readonly zip: ZipFile,
    private readonly checked: readonly CheckedEntry[],
  ) {
    this.byName = new Map(checked.map((c) => [c.info.name, c]));
  }

  static async open(zipPath: string, limits: ZipLimits = defaultZipLimits): Promise<SafeZip> {
    let zip: ZipFile;
    try {
      zip = await yauzl.openPromise(zipPath, {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: false,
        validateEntrySizes: true,
        strictFileNames: true,
      });
    } catch (cause) {
      if (isErrno(cause, 'ENOENT')) throw cause;
      throw corrupt(cause, 'cannot open central directory');
    }
    try {
      return new SafeZip(zip, await SafeZip.checkDirectory(zip, limits));
    } catch (err) {
      zip.close();
      throw err;
    }
  }

  private static async checkDirectory(zip: ZipFile, limits: ZipLimits): Promise<CheckedEntry[]> {
    if (zip.entryCount > limits.maxEntries) {
      throw new AppError(
        'zip.too_many_entries',
        { count: zip.entryCount, limit: limits.maxEntries },
        `zip has ${zip.entryCount} entries`,
      );
    }
    const checked: CheckedEntry[] = [];
    const seen = new Set<string>();
    let total = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        const info = checkEntry(entry, decodeName(entry), limits);
        const key = entryNameKey(info.isDirectory ? info.name.slice(0, -1) : info.name);
        if (seen.has(key))
          throw new AppError('zip.duplicate_entry', { name: info.name }, 'zip entries collide by name');
        seen.add(key);
        total += info.size;
        if (total > limits.maxTotalBytes) {
          throw new AppError(
            'zip.too_large',
            { limit: limits.maxTotalBytes },
            'zip content exceeds total size limit',
          );
        }
        checked.push({ info, entry });
      }
    } catch (err) {
      throw isAppError(err) ? err : corrupt(err, 'central directory');
    }
    assertNoFileAsFolder(checked);
    assertNoOverlap(checked);
    return checked;
  }

  get entries(): readonly ZipEntryInfo[] {
    return this.checked.map((c) => c.info);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  private fileEntry(name: string): CheckedEntry {
    const found = this.byName.get(name);
    if (!found || found.info.isDirectory)
      throw new AppError('zip.entry_missing', { name }, 'zip entry not present');
    return found;
  }

  /** The entry's content; the stream errors with `zip.corrupt` on size or CRC mismatch. */
  async openStream(name: string): Promise<Readable> {
    const { entry } = this.fileEntry(name);
    let raw: Readable;
    try {
      raw = await this.zip.openReadStreamPromise(entry);
    } catch (cause) {
      throw corrupt(cause, 'cannot open entry');
    }
    const checked = new CrcCheck(entry.crc32);
    raw.on('error', (err) => checked.destroy(isAppError(err) ? err : corrupt(err, 'entry data')));
    return raw.pipe(checked);
  }

  /** Reads a small entry (e.g. the xdomea message) into memory, refusing it beyond `maxBytes`. */
  async readBuffer(name: string, maxBytes: number): Promise<Buffer> {
    const { info } = this.fileEntry(name);
    if (info.size > maxBytes) {
      throw new AppError(
        'zip.entry_too_large',
        { name, limit: maxBytes },
        'zip entry too large to read into memory',
      );
    }
    const chunks: Buffer[] = [];
    await pipeline(
      await this.openStream(name),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          chunks.push(chunk);
          callback();
        },
      }),
    );
    return Buffer.concat(chunks);
  }

  /** Streams one entry to `destPath`, which must not exist yet. */
  async extractFile(name: string, destPath: string): Promise<ExtractedFile> {
    const hashing = new HashingStream();
    try {
      await pipeline(await this.openStream(name), hashing, createWriteStream(destPath, { flags: 'wx' }));
    } catch (err) {
      if (isErrno(err, 'EEXIST')) {
        throw new AppError('zip.target_exists', { path: destPath }, 'extraction target exists', {
          cause: err,
        });
      }
      await rm(destPath, { force: true });
      throw mapIoError(err, 'zip extraction failed');
    }
    return { name, path: destPath, size: hashing.size, sha256: hashing.sha256() };
  }

  /**
   * Extracts the named entries (default: all files) below `destDir`, which must be empty or not exist.
   * Names were checked when the ZIP was opened; the resolved path is checked again as a second line.
   */
  async extractTo(destDir: string, names?: readonly string[]): Promise<ExtractedFile[]> {
    const root = path.resolve(destDir);
    await mkdir(root, { recursive: true });
    if ((await readdir(root)).length > 0) {
      throw new AppError('zip.target_exists', { path: root }, 'extraction directory is not empty');
    }
    const selected = names ?? this.entries.filter((e) => !e.isDirectory).map((e) => e.name);
    const extracted: ExtractedFile[] = [];
    for (const name of selected) {
      const target = path.resolve(root, ...name.split('/'));
      if (!target.startsWith(root + path.sep)) {
        throw new AppError(
          'zip.unsafe_entry_name',
          { name, reason: 'Ziel außerhalb des Ordners' },
          'zip slip',
        );
      }
      await mkdir(path.dirname(target), { recursive: true });
      extracted.push(await this.extractFile(name, target));
    }
    return extracted;
  }

  close(): void {
    this.zip.close();
  }
}

/** Opens and checks a ZIP; close it when done. */
export const openSafeZip = (zipPath: string, limits: Partial<ZipLimits> = {}): Promise<SafeZip> =>
  SafeZip.open(zipPath, { ...defaultZipLimits, ...limits });
