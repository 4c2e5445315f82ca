import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../contract/app-error';
import { syncDir } from '../../../core/store/fsync';

/**
 * The caller's folder, which must exist, or the default one, created on demand; each folder created gets
 * its entry in its parent fsynced, so a package published into it survives a crash with its path.
 */
export async function outputDir(requested: string | undefined, fallback: string): Promise<string> {
  if (requested === undefined) {
    const first = await mkdir(fallback, { recursive: true });
    if (first !== undefined)
      for (let made = path.resolve(fallback); made !== path.dirname(made); made = path.dirname(made)) {
        await syncDir(path.dirname(made));
        if (made === path.resolve(first)) break;
      }
    return fallback;
  }
  const info = await stat(requested).catch(() => undefined);
  if (!info?.isDirectory())
    throw new AppError('archiv.bad_directory', { path: requested }, 'output directory missing');
  return path.resolve(requested);
}
