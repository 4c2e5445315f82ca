import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../contract/app-error';
import { openSafeZip, type ExtractedFile, type ZipLimits } from '../zip/index';

/**
 * A received 0503 as a flat list of entries, from a ZIP (through the safe reader: zip slip, bombs and
 * limits are refused before anything is extracted) or from a folder the archivist already unpacked.
 */
export interface PackageSource {
  readonly name: string;
  readonly entries: readonly string[];
  readBuffer(name: string, maxBytes: number): Promise<Buffer>;
  /** Copies the named entries into `dir` and hashes them on the way. */
  extractTo(dir: string, names: readonly string[]): Promise<ExtractedFile[]>;
  close(): void;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
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
        throw new AppError('xdomea.too_large', { maxBytes }, 'message file in folder too large');
      return readFile(file);
    },
    async extractTo(dir, names) {
      await mkdir(dir, { recursive: true });
      const out: ExtractedFile[] = [];
      for (const name of names) {
        const target = path.join(dir, name);
        await copyFile(path.join(folder, name), target);
        out.push({ name, path: target, size: (await stat(target)).size, sha256: await sha256File(target) });
      }
      return out;
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
    extractTo: (dir, names) => zip.extractTo(dir, names),
    close: () => zip.close(),
  };
}
