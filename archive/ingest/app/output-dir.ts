import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../contract/app-error';

/** The caller's folder, which must exist, or the default one, created on demand. */
export async function outputDir(requested: string | undefined, fallback: string): Promise<string> {
  if (requested === undefined) {
    await mkdir(fallback, { recursive: true });
    return fallback;
  }
  const info = await stat(requested).catch(() => undefined);
  if (!info?.isDirectory())
    throw new AppError('archiv.bad_directory', { path: requested }, 'output directory missing');
  return path.resolve(requested);
}
