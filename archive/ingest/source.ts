import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
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

async function folderSource(folder: string): Promise<PackageSource> {
  const listing = await readdir(folder, { withFileTypes: true, recursive: true });
  const entries = listing
    .filter((e) => e.isFile())
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  return {
    name: path.basename(folder),
    entries,
    async readBuffer(name, maxBytes) {
      const file = path.join(folder, name);
      if ((await stat(file)).size > maxBytes)
        throw new AppError('xdomea.too_large', { maxBytes }, 'file in folder over the read limit');
      return readFile(file);
    },
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
