import type { AppEvent } from '../../../contract/events';
import { resolveCaller } from '../../../core/records/users';
import { acquireInstanceLock } from '../../../core/store/instance-lock';
import type { Caller } from '../../../core/access';
import {
  createIntakeService,
  createRealTools,
  parseOcrSettings,
  registerIntakeService,
  type IntakeService,
} from '../../../ocr';
import { openCliSession, type CliSession } from '../app-session';
import type { GlobalOptions } from '../command';

export interface IntakeWorker {
  readonly session: CliSession;
  readonly service: IntakeService;
  readonly caller: Caller;
  close(): Promise<void>;
}

/**
 * A CLI process that runs intake jobs: it owns the data folder (instance lock, so jobs found running
 * were interrupted and continue), runs the job queue in-process and calls the API like any front end.
 */
export async function openIntakeWorker(global: GlobalOptions): Promise<IntakeWorker> {
  const lock = acquireInstanceLock(global.dataDir);
  let session: CliSession;
  try {
    session = await openCliSession(global);
  } catch (err) {
    lock.release();
    throw err;
  }
  const { app } = session;
  const settings = parseOcrSettings();
  const service = createIntakeService(app.deps, await createRealTools(settings, app.logger), settings);
  registerIntakeService(app.store, service);
  await service.queue.start();
  const caller = await resolveCaller(app.store.reader, global.user ?? '');
  return {
    session,
    service,
    caller,
    async close() {
      await service.close();
      await session.close();
      lock.release();
    },
  };
}

/** A text progress bar: `[#####-----]  5/10`. */
export function progressBar(done: number, total: number, width = 20): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total}`;
}

/** Shows `job.progress` on stderr: one rewritten line on a terminal, one line per stage otherwise. */
export function progressReporter(
  subscribe: (listener: (e: AppEvent) => void) => () => void,
  labelOf: (jobUuid: string) => string,
  stderr: { write(text: string): unknown; isTTY?: boolean },
): () => void {
  let lastStage = '';
  const unsubscribe = subscribe((e) => {
    if (e.type !== 'job.progress') return;
    const line = `${progressBar(e.done, e.total)} ${e.stage.padEnd(10)} ${labelOf(e.jobId)}`;
    if (stderr.isTTY) stderr.write(`\r${line.slice(0, 100).padEnd(100)}`);
    else if (`${e.jobId}:${e.stage}` !== lastStage) {
      lastStage = `${e.jobId}:${e.stage}`;
      stderr.write(`${line}\n`);
    }
  });
  return () => {
    unsubscribe();
    if (stderr.isTTY) stderr.write('\n');
  };
}
