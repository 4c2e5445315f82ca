import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { AppError } from '../../contract/app-error';
import { newRef } from '../../core/platform/ids';
import type { Logger } from '../../core/platform/logger';
import { completeFiles, type FolderEntry } from './hot-folder-scan';

/** Sub-folders of a hot folder, named for the post room that sees them in the file manager. */
export const HOT_FOLDER_DIRS = { processing: 'in-arbeit', done: 'erledigt', failed: 'fehler' } as const;

export type BatchOutcome = 'pending' | 'done' | 'review';

export interface HotFolderDeps {
  /** Takes one complete file in (a new job, or the existing one for the same content). */
  takeIn(path: string): Promise<{ jobUuid: string }>;
  /** Whether the job and all documents made from it are finished, or one stopped as a Klärfall. */
  outcome(jobUuid: string): Promise<BatchOutcome>;
  logger: Logger;
  now?: () => Date;
}

/** What the post room sees of a watched folder. */
export interface HotFolderState {
  running: boolean;
  lastTaken: { name: string; at: string } | null;
  /** Files lying in the folder at the last poll, not yet taken (incomplete ones included). */
  waiting: number;
  /** Files taken whose job has not finished yet. */
  inProgress: number;
  lastError: { code: string; params: Record<string, string | number>; at: string } | null;
}

export interface HotFolder {
  /** One poll: takes complete files, moves finished ones on. Tests drive this directly. */
  pollOnce(): Promise<{
    taken: string[];
    finished: { name: string; outcome: Exclude<BatchOutcome, 'pending'> }[];
  }>;
  /** Polls every `intervalMs` until stopped. */
  start(intervalMs: number): void;
  stop(): Promise<void>;
  status(): HotFolderState;
}

async function listFiles(dir: string): Promise<FolderEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: FolderEntry[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const s = await stat(join(dir, e.name)).catch(() => null);
    if (s?.isFile()) files.push({ name: e.name, size: s.size, mtimeMs: s.mtimeMs });
  }
  return files;
}

/** Moves a file into `toDir`, adding " (2)", " (3)" … instead of overwriting one of the same name. */
async function moveInto(from: string, toDir: string): Promise<string> {
  await mkdir(toDir, { recursive: true });
  const ext = extname(from);
  const stem = basename(from, ext);
  for (let n = 1; ; n++) {
    const target = join(toDir, n === 1 ? `${stem}${ext}` : `${stem} (${n})${ext}`);
    if (
      await stat(target).then(
        () => true,
        () => false,
      )
    )
      continue;
    await rename(from, target);
    return target;
  }
}

/**
 * A folder the scanners write into. A file is taken only when it is complete (size and mtime unchanged
 * over two polls, no MFP lock file beside it); it moves to `in-arbeit/` while its job runs, then to
 * `erledigt/` or, when a document stopped as a Klärfall, to `fehler/`. Polling instead of file-system
 * events: events are unreliable on network shares, where scanners usually write.
 */
export function createHotFolder(dir: string, deps: HotFolderDeps): HotFolder {
  const processingDir = join(dir, HOT_FOLDER_DIRS.processing);
  let previous = new Map<string, { size: number; mtimeMs: number }>();
  let emptySeen = new Map<string, number>();
  const tracked = new Map<string, string>(); // file name in in-arbeit/ → job uuid
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<unknown> | null = null;
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  let lastTaken: HotFolderState['lastTaken'] = null;
  let lastError: HotFolderState['lastError'] = null;
  let waiting = 0;
  /** Kept for the post room; an unexpected error shows as an internal one with the log's reference. */
  const failed = (err: unknown) => {
    const ref = newRef();
    lastError = err instanceof AppError ? { code: err.code, params: { ...err.params }, at: now() } : { code: 'api.internal', params: { ref }, at: now() };
    return { code: err instanceof AppError ? err.code : 'unexpected', ref };
  };

  async function pollOnce() {
    try {
      await mkdir(processingDir, { recursive: true });
    } catch (err) {
      throw new AppError('intake.hot_folder_unusable', { path: dir }, 'hot folder not usable', {
        cause: err,
      });
    }
    const taken: string[] = [];
    const present = await listFiles(dir);
    const scan = completeFiles(previous, present, emptySeen);
    previous = scan.next;
    emptySeen = scan.nextEmpty;
    for (const name of scan.ready) {
      const moved = await moveInto(join(dir, name), processingDir).catch(() => null);
      if (!moved) continue; // removed or renamed meanwhile: seen again on the next poll if it comes back
      previous.delete(name);
      taken.push(name);
      lastTaken = { name, at: now() };
    }
    waiting = present.length - taken.length;
    // Files in in-arbeit/ without a known job: just moved, or left there by a crash.
    for (const f of await listFiles(processingDir)) {
      if (tracked.has(f.name)) continue;
      try {
        tracked.set(f.name, (await deps.takeIn(join(processingDir, f.name))).jobUuid);
      } catch (err) {
        deps.logger.warn('hot folder file not taken in', failed(err));
        await moveInto(join(processingDir, f.name), join(dir, HOT_FOLDER_DIRS.failed));
      }
    }
    const finished: { name: string; outcome: 'done' | 'review' }[] = [];
    for (const [name, jobUuid] of [...tracked]) {
      const outcome = await deps.outcome(jobUuid);
      if (outcome === 'pending') continue;
      await moveInto(
        join(processingDir, name),
        join(dir, outcome === 'done' ? HOT_FOLDER_DIRS.done : HOT_FOLDER_DIRS.failed),
      );
      tracked.delete(name);
      finished.push({ name, outcome });
    }
    return { taken, finished };
  }

  const tick = () => {
    polling = pollOnce()
      .catch((err: unknown) => deps.logger.warn('hot folder poll failed', failed(err)))
      .finally(() => (polling = null));
  };

  return {
    pollOnce,
    start(intervalMs) {
      if (timer) return;
      tick();
      timer = setInterval(() => {
        if (!polling) tick();
      }, intervalMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await polling;
    },
    status: () => ({ running: timer !== null, lastTaken, waiting, inProgress: tracked.size, lastError }),
  };
}
