import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../../contract/app-error';
import { isInProgressName } from './hot-folder-scan';

export type Collected = { kind: 'file'; path: string } | { kind: 'rejected'; path: string; error: AppError };

const MAX_DEPTH = 8;

/**
 * Expands dropped files and folders into files, in a stable order (folders sorted by name, recursively,
 * skipping temporary and hidden files). A path that does not exist or cannot be read is rejected
 * alone; the others go on.
 */
export async function collectFiles(paths: readonly string[]): Promise<Collected[]> {
  const out: Collected[] = [];
  const visit = async (path: string, depth: number): Promise<void> => {
    const s = await stat(path).catch((err: NodeJS.ErrnoException) => err);
    if (s instanceof Error) {
      const code =
        s.code === 'ENOENT' || s.code === 'ENOTDIR' ? 'intake.source_not_found' : 'intake.source_unreadable';
      out.push({
        kind: 'rejected',
        path,
        error: new AppError(code, { path }, `source ${code}: ${s.code ?? 'error'}`),
      });
      return;
    }
    if (s.isFile()) {
      out.push({ kind: 'file', path });
      return;
    }
    if (!s.isDirectory() || depth > MAX_DEPTH) return;
    const names = await readdir(path).catch(() => null);
    if (!names) {
      out.push({
        kind: 'rejected',
        path,
        error: new AppError('intake.source_unreadable', { path }, 'folder unreadable'),
      });
      return;
    }
    const before = out.length;
    for (const name of names.sort((a, b) => a.localeCompare(b, 'de'))) {
      if (isInProgressName(name)) continue;
      await visit(join(path, name), depth + 1);
    }
    if (depth === 0 && out.length === before) {
      out.push({
        kind: 'rejected',
        path,
        error: new AppError('intake.no_files', { path }, 'folder without files'),
      });
    }
  };
  for (const p of paths) await visit(resolve(p), 0);
  return out;
}
