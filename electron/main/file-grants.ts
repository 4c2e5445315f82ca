import { isAbsolute } from 'node:path';
import { z } from 'zod';

/** The one argument of IPC_FILE_PATH: an absolute path as Electron's webUtils.getPathForFile gives it. */
export const FilePathArgs = z.tuple([z.string().min(1).max(4096).refine(isAbsolute)]);

/**
 * Paths the user handed over by dropping or choosing a file, per window. `intake.start` over IPC takes
 * only these: a compromised page cannot make the core read arbitrary files of the user.
 */
export class FileGrants {
  private readonly byWindow = new Map<number, Set<string>>();

  grant(windowId: number, path: string): void {
    let paths = this.byWindow.get(windowId);
    if (!paths) this.byWindow.set(windowId, (paths = new Set()));
    paths.add(path);
  }

  /** Whether every path an `intake.start` input names was handed over in this window. */
  allowsIntake(windowId: number, input: unknown): boolean {
    const paths = (input as { paths?: unknown } | null)?.paths;
    if (paths === undefined) return true;
    if (!Array.isArray(paths)) return false; // the core's validation says why
    const granted = this.byWindow.get(windowId);
    return paths.every((p) => typeof p === 'string' && granted?.has(p) === true);
  }

  forget(windowId: number): void {
    this.byWindow.delete(windowId);
  }
}
