import { closeSync, constants, fsync, openSync } from 'node:fs';
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
