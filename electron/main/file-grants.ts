import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { isMethodName, methods } from '../../contract/methods';
import { pathArguments } from './path-arguments';

/** The one argument of IPC_FILE_PATH: an absolute path as Electron's webUtils.getPathForFile gives it. */
export const FilePathArgs = z.tuple([z.string().min(1).max(4096).refine(isAbsolute)]);
/** The one argument of IPC_CHOOSE_FOLDER: what the core will do with the folder. */
export const ChooseFolderArgs = z.tuple([z.enum(['read', 'write'])]);
export type FolderPurpose = z.infer<typeof ChooseFolderArgs>[0];

/**
 * Paths the user handed over, per window: files and folders to read by dropping or choosing them, folders
 * to write into by choosing them in the folder dialog. Over IPC a method may name only these (every path
 * argument of contract/methods, found by its schema): a compromised page cannot make the core read the
 * user's files or write where the user did not choose.
 */
export class FileGrants {
  private readonly byWindow = new Map<number, Map<string, Set<FolderPurpose>>>();

  grant(windowId: number, path: string, access: FolderPurpose = 'read'): void {
    let paths = this.byWindow.get(windowId);
    if (!paths) this.byWindow.set(windowId, (paths = new Map()));
    let kinds = paths.get(path);
    if (!kinds) paths.set(path, (kinds = new Set()));
    kinds.add(access);
  }

  /** Whether every path the input of `method` names was handed over in this window for that use. */
  allows(windowId: number, method: string, input: unknown): boolean {
    if (!isMethodName(method)) return true; // dispatch refuses the unknown method itself
    const granted = this.byWindow.get(windowId);
    return pathArguments(methods[method].input, input).every((p) => granted?.get(p.path)?.has(p.access) === true);
  }

  forget(windowId: number): void {
    this.byWindow.delete(windowId);
  }
}
