import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../contract/app-error';
import { sha256Hex } from './repository';

export interface WrittenFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * The folder a message or package goes to: the caller's folder, which must exist, or the process's
 * folder in the data directory (`aussonderung/<ProzessID>/`), created on demand.
 */
export async function outputDirectory(dataDir: string, prozessId: string, requested: string | undefined): Promise<string> {
  if (requested === undefined) {
    const dir = path.join(dataDir, 'aussonderung', prozessId);
    await mkdir(dir, { recursive: true });
    return dir;
  }
  const info = await stat(requested).catch(() => undefined);
  if (!info?.isDirectory()) throw new AppError('aussonderung.bad_directory', { path: requested }, 'output directory missing');
  return path.resolve(requested);
}

/** Writes to a temporary name and renames, so a reader never sees half a message. */
export async function writeFileAtomically(dir: string, name: string, data: string | Uint8Array): Promise<WrittenFile> {
  const target = path.join(dir, name);
  const temp = `${target}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await writeFile(temp, data);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return { path: target, size: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, sha256: sha256Hex(data) };
}
