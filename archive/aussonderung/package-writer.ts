import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../../contract/app-error';
import { containerFileName, messageFileName, type WrittenHandoverMessage } from '../xdomea/index';
import { writeZip, type WrittenZip } from '../zip/index';
import { formatManifest, manifestFileName } from './manifest';

export interface PackageFile {
  readonly name: string;
  readonly compress: boolean;
}

/**
 * The bytes and fixity of the package's files, one object for all of them: per-file closures cost a few
 * hundred bytes each, and an export of 20,000 files held them all from the start (benchmark heap snapshot).
 */
export interface PackageSource<F extends PackageFile> {
  /** The entry's bytes, produced when the ZIP writer gets to it (checked and converted on the way). */
  open(file: F): AsyncIterable<Uint8Array>;
  /**
   * What the bytes must hash to: the fixity recorded at intake, or the hash of the converted rendition.
   * Asked once the entry is written, since a conversion on the way decides it.
   */
  sha256(file: F): string;
}

const streamOf = (source: () => AsyncIterable<Uint8Array>) => ({ kind: 'stream' as const, open: () => Readable.from(source()) });

/** A file's ZIP entry and its lazily opened source in one object, its methods on the prototype. */
class LazyEntry<F extends PackageFile> {
  constructor(
    private readonly file: F,
    private readonly from: PackageSource<F>,
  ) {}

  get name(): string {
    return this.file.name;
  }

  get compress(): boolean {
    return this.file.compress;
  }

  get source(): this {
    return this;
  }

  get kind(): 'stream' {
    return 'stream';
  }

  open(): Readable {
    return Readable.from(this.from.open(this.file));
  }
}

/**
 * Writes `<ProzessID>_Aussonderung.Aussonderung.0503.zip` in one pass: every primary file (flat, as in
 * the specification's examples), then the XSD-checked message, finished by `finishMessage` once all
 * files are written (it names what they turned out to be), then the SHA-256 manifest. Each file is
 * hashed again while it streams into the ZIP; a file that changed since it was checked discards the
 * whole package.
 */
export async function writeHandoverPackage<F extends PackageFile>(
  dir: string,
  prozessId: string,
  createdAt: string,
  files: readonly F[],
  from: PackageSource<F>,
  finishMessage: () => Promise<WrittenHandoverMessage>,
): Promise<WrittenZip> {
  const messageEntry = messageFileName(prozessId, '0503');
  let message: WrittenHandoverMessage | undefined;
  async function* messageBytes() {
    message = await finishMessage();
    const supplied = new Set(files.map((f) => f.name));
    if (message.primaryFiles.length !== supplied.size || message.primaryFiles.some((n) => !supplied.has(n))) {
      throw new Error('0503 primary files and supplied files differ');
    }
    yield* createReadStream(message.path) as AsyncIterable<Buffer>;
  }
  const expected = () => [...files.map((f) => ({ name: f.name, sha256: from.sha256(f) })), { name: messageEntry, sha256: message!.sha256 }];
  async function* manifest() {
    yield Buffer.from(formatManifest(expected()), 'utf8');
  }
  const zipPath = path.join(dir, containerFileName(prozessId, '0503'));
  const zip = await writeZip(
    zipPath,
    [
      ...files.map((f) => new LazyEntry(f, from)),
      { name: messageEntry, source: streamOf(messageBytes) },
      { name: manifestFileName(prozessId), source: streamOf(manifest) },
    ],
    { modifiedAt: new Date(createdAt) },
  );
  const changed = expected().find((f, i) => zip.entries[i]?.sha256 !== f.sha256);
  if (changed) {
    await rm(zipPath, { force: true });
    throw new AppError('aussonderung.file_changed', { file: changed.name }, 'primary file changed while packaging');
  }
  return zip;
}
