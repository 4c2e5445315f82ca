import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../contract/app-error';
import type { ErrorCode } from '../../contract/errors';
import type { HotFolderStatus } from '../../contract/methods/intake';
import { hasPermission, type Caller } from '../../core/access';
import { loadJob } from '../../core/jobs';
import type { CoreDeps } from '../../core/records/context';
import { resolveCaller } from '../../core/records/users';
import type { Store } from '../../core/store/store';
import { createHotFolder, type HotFolder } from '../sources';
import { batchOutcome } from './batch-outcome';
import { jobError, toIntakeBatch } from './job-view';
import type { IntakeService } from './service';
import { onIntakeClose } from './service-registry';

/**
 * The hot folder the app itself watches (`eakte watch` is the same for a CLI process). The folder and
 * the post room user who chose it are kept in the data folder, so the watch resumes after a restart.
 */
interface Watch {
  path: string;
  username: string;
  folder: HotFolder;
}

const watches = new WeakMap<Store, Watch>();
const settingsFile = (store: Store) => join(store.dataDir, 'work', 'hot-folder.json');

function startWatch(deps: CoreDeps, service: IntakeService, caller: Caller, path: string): Watch {
  const folder = createHotFolder(path, {
    logger: deps.logger,
    now: () => deps.clock.now(),
    takeIn: async (file) => {
      const job = await service.takeIn(caller, file, {
        origin: 'eingangsordner',
        channel: 'papier',
        sender: null,
        receivedAt: null,
        amtId: null,
        forceOcr: false,
        stamp: false,
        review: false,
        device: null,
      });
      // The post room's job list shows the new job at once, not only when it has run.
      deps.events.emit({ type: 'records.changed', objectType: 'job', uuid: job.uuid });
      return { jobUuid: job.uuid };
    },
    outcome: async (jobUuid) => {
      const job = await loadJob(deps.store.reader, { uuid: jobUuid });
      return job ? batchOutcome(await toIntakeBatch(deps.store.reader, service.pipeline, job)) : 'done';
    },
  });
  folder.start(service.settings.pollMs);
  const watch = { path, username: caller.username, folder };
  watches.set(deps.store, watch);
  // The app closing stops the watch but keeps the folder for the next start.
  onIntakeClose(deps.store, () => stopHotFolder(deps.store, { forget: false }));
  return watch;
}

export function hotFolderStatus(deps: CoreDeps): HotFolderStatus {
  const watch = watches.get(deps.store);
  const configured = deps.admin().hotFolder ?? null;
  if (!watch) return { path: null, configured, running: false, lastTaken: null, waiting: 0, inProgress: 0, lastError: null };
  const s = watch.folder.status();
  return {
    path: watch.path,
    configured,
    running: s.running,
    lastTaken: s.lastTaken,
    waiting: s.waiting,
    inProgress: s.inProgress,
    lastError: s.lastError && { ...jobError(s.lastError.code as ErrorCode, s.lastError.params), at: s.lastError.at },
  };
}

/** Watches `path` from now on (instead of a folder watched before), as `caller`. */
export async function watchHotFolder(deps: CoreDeps, service: IntakeService, caller: Caller, path: string): Promise<HotFolderStatus> {
  const dir = resolve(path);
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new AppError('intake.hot_folder_unusable', { path: dir }, 'hot folder is not a folder');
  await stopHotFolder(deps.store);
  await mkdir(dirname(settingsFile(deps.store)), { recursive: true });
  await writeFile(settingsFile(deps.store), JSON.stringify({ path: dir, username: caller.username }));
  startWatch(deps, service, caller, dir);
  deps.logger.info('hot folder watched');
  return hotFolderStatus(deps);
}

/** Stops watching; `forget` (the post room's choice, not the app closing) also drops the kept folder. */
export async function stopHotFolder(store: Store, opts: { forget?: boolean } = { forget: true }): Promise<void> {
  const watch = watches.get(store);
  watches.delete(store);
  await watch?.folder.stop();
  if (opts.forget) await rm(settingsFile(store), { force: true });
}

/** At start: the folder kept from before, watched again while its user may still take in mail. */
export async function resumeHotFolder(deps: CoreDeps, service: IntakeService): Promise<void> {
  let kept: { path: string; username: string };
  try {
    kept = JSON.parse(await readFile(settingsFile(deps.store), 'utf8')) as typeof kept;
  } catch {
    return; // none kept
  }
  const caller = await resolveCaller(deps.store.reader, kept.username).catch(() => null);
  if (!caller || !hasPermission(caller, 'posteingang.write')) {
    deps.logger.warn('hot folder not resumed', { code: 'access.denied' });
    return;
  }
  startWatch(deps, service, caller, kept.path);
}
