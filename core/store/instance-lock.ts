import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../contract/app-error';

export interface InstanceLock {
  release(): void;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** True while another live process holds the folder's lock (a process that holds it itself gets false). */
export function heldByOtherInstance(dataDir: string): boolean {
  let owner: number;
  try {
    owner = Number(readFileSync(join(dataDir, 'eakte.lock'), 'utf8').trim());
  } catch {
    return false;
  }
  return Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner);
}

/**
 * One app instance per data folder (per user on a terminal server). A lock left by a crashed process
 * is taken over; a live owner makes the second start fail with a clear message.
 */
export function acquireInstanceLock(dataDir: string): InstanceLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'eakte.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(path, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (heldByOtherInstance(dataDir)) {
        throw new AppError('store.locked_by_other_instance', {}, `data folder locked by another process`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError('store.locked_by_other_instance', {}, 'could not take over stale lock');
}
