import { isAppError } from '../contract/app-error';
import type { CoreDeps } from '../core/records/context';
import { appSyncConfig, type SyncConfig } from './config';
import { emitSyncStatus, runCycle } from './engine';
import { readSyncState } from './state';

/**
 * The app's background sync: a cycle every `intervalSeconds` (pull), soon after a local change lands in
 * the outbox (push), and after failures only when the backoff recorded by the cycle allows it, so an
 * offline workstation does not keep knocking. `stop()` waits for a running cycle, which must end before
 * the store closes.
 */
export interface SyncLoop {
  stop(): Promise<void>;
}

export interface SyncLoopOptions {
  /** Fixed settings, or read before every cycle (the app's: a changed sync.json or machine config applies at the next one). */
  config: SyncConfig | (() => SyncConfig | null);
  /** While sync is not set up or its settings are broken, look at them again this often. */
  recheckMs?: number;
  /** Wait after a change before syncing, so a burst of edits goes in one cycle. */
  debounceMs?: number;
  random?: () => number;
}

export function startSyncLoop(deps: CoreDeps, opts: SyncLoopOptions): SyncLoop {
  const settings = typeof opts.config === 'function' ? opts.config : () => opts.config as SyncConfig;
  const recheckMs = opts.recheckMs ?? 60_000;
  const debounceMs = opts.debounceMs ?? 300;
  let setup: 'ok' | 'none' | 'bad' | null = null;
  const note = (now: 'ok' | 'none' | 'bad', log: () => void) => {
    if (setup !== now) log(); // on changes only: settings are read every cycle
    setup = now;
  };
  /** The settings for this cycle; null (with one log line per change) when sync is not set up or they are unusable. */
  const current = (): SyncConfig | null => {
    try {
      const config = settings();
      if (config) note('ok', () => deps.logger.info('sync settings in use', { intervalSeconds: config.intervalSeconds }));
      else note('none', () => deps.logger.info('no DMS configured, background sync idle'));
      return config;
    } catch (err) {
      // The app works on without the DMS; the sync page shows the German text of sync.bad_config.
      note('bad', () => deps.logger.error('sync settings unusable, background sync idle', { code: isAppError(err) ? err.code : 'api.internal' }));
      return null;
    }
  };
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let dueAt = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let lastOutboxId = -1;
  // Stopping cuts a long upload short; it resumes from the server's byte count next time.
  const abort = new AbortController();

  const schedule = (ms: number) => {
    if (stopped) return;
    const at = Date.now() + ms;
    // An earlier wake-up wins; a later one never postpones what is already due.
    if (timer && dueAt <= at) return;
    if (timer) clearTimeout(timer);
    dueAt = at;
    timer = setTimeout(() => {
      timer = null;
      void cycle();
    }, ms);
    timer.unref?.();
  };

  const cycle = async (): Promise<void> => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    again = false;
    const config = current();
    if (!config) return schedule(recheckMs);
    running = (async () => {
      let next = config.intervalSeconds * 1000;
      try {
        const r = await runCycle(deps, { config, failures, random: opts.random, signal: abort.signal });
        if (r.ok) {
          failures = 0;
        } else {
          failures++;
          next = await retryDelay(deps, next);
        }
      } catch (err) {
        // sync.busy: a cycle started by the clerk ("Jetzt synchronisieren") is running; try after it.
        if (!isAppError(err) || err.code !== 'sync.busy') deps.logger.error('sync loop cycle failed', { code: isAppError(err) ? err.code : 'api.internal' });
        next = Math.min(next, 1000);
      }
      running = null;
      if (again && failures === 0) schedule(0);
      else schedule(next);
    })();
    await running;
  };

  const onChange = async () => {
    const row = await deps.store.reader.get<{ id: number | null }>('SELECT max(id) AS id FROM outbox');
    const id = row?.id ?? 0;
    if (id === lastOutboxId) return;
    lastOutboxId = id;
    await emitSyncStatus(deps); // the status bar asks for its pending count at once, even offline
    if (failures === 0 && setup !== 'none') schedule(debounceMs);
  };
  const unsubscribe = deps.events.subscribe((e) => {
    if (e.type === 'records.changed') onChange().catch((err: unknown) => deps.logger.warn('sync loop could not read the outbox', { error: String(err) }));
  });

  deps.logger.info('sync loop started');
  schedule(0);
  return {
    stop: async () => {
      stopped = true;
      unsubscribe();
      abort.abort();
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      deps.logger.info('sync loop stopped');
    },
  };
}

/** Real milliseconds until the retry time the failed cycle recorded (its clock may be a test's). */
async function retryDelay(deps: CoreDeps, fallbackMs: number): Promise<number> {
  const s = await readSyncState(deps.store.reader);
  if (!s.next_retry_at || !s.last_error_at) return fallbackMs;
  return Math.max(500, Date.parse(s.next_retry_at) - Date.parse(s.last_error_at));
}

/**
 * The app's loop. It runs even when no DMS is set up: the settings (sync.json under the machine config)
 * are read before every cycle, so setting up or changing the DMS needs no restart.
 */
export function startBackgroundSync(deps: CoreDeps, opts: Pick<SyncLoopOptions, 'recheckMs'> = {}): SyncLoop {
  return startSyncLoop(deps, { ...opts, config: () => appSyncConfig(deps) });
}
