import { execFile } from 'node:child_process';
import { closeSync, constants, fsync, openSync } from 'node:fs';
import { release } from 'node:os';
import { promisify } from 'node:util';

/**
 * fsync of an open descriptor in libuv's thread pool. The open and close around it are plain calls: each
 * is microseconds, while a trip through the pool is a queue hand-off that waits behind the fsyncs in it.
 */
export const fsyncFd = promisify(fsync);

export async function syncFile(file: string): Promise<void> {
  const fd = openSync(file, 'r+');
  try {
    await fsyncFd(fd);
  } finally {
    closeSync(fd);
  }
}

export async function syncDir(dir: string): Promise<void> {
  // Directory fsync makes the rename durable; Windows cannot open directories, where NTFS journals it.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, constants.O_RDONLY);
  try {
    await fsyncFd(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether one syncfs(2) may stand in for an fsync per file: Linux from 5.8 on, where syncfs reports a
 * failed writeback of any file of the file system to its caller (before, it returned 0 regardless).
 */
export const fileSystemFlushReportsErrors = process.platform === 'linux' && kernelAtLeast(release(), 5, 8);

/**
 * One syncfs(2) of the file system holding `dir`, through coreutils `sync -f` (a process start costs ~1.3 ms,
 * measured: fine once per batch or tree, not per file): every dirty file, folder entry and rename on it
 * becomes durable with one journal commit and one disk flush, where an fsync per file costs a commit and
 * a flush each. It also writes back other programs' dirty data on that file system (time, not harm).
 * False, having flushed nothing for certain, off Linux ≥ 5.8 or when the command is missing or fails (an
 * I/O error included): the caller then fsyncs file by file, which reports such an error itself.
 *
 * Limit: `sync -f` opens the folder when it runs, and syncfs reports a writeback error only to callers
 * that opened before it was first collected. A writeback error of our files that another syncfs (a
 * concurrent batch's, a package's, another program's) collected between our writes and our flush goes
 * unreported to us (an fsync per file on a
 * descriptor opened before the write would see it); this needs a failing disk and a concurrent syncfs.
 */
export function syncFileSystem(dir: string): Promise<boolean> {
  if (!fileSystemFlushReportsErrors) return Promise.resolve(false);
  return promisify(execFile)('sync', ['-f', dir]).then(
    () => true,
    () => false,
  );
}

function kernelAtLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split(/[.-]/).map(Number);
  return a > major || (a === major && b >= minor);
}
