import { join } from 'node:path';
import type { SystemStatus } from '../contract/schemas/system';
import { createDispatch, type Dispatch } from '../core/api/dispatch';
import { demoIdentity, type IdentitySource } from '../core/api/identity';
import { SessionRegistry } from '../core/api/sessions';
import { systemClock, type Clock } from '../core/platform/clock';
import { createEventBus, type EventBus } from '../core/platform/event-bus';
import { randomIds, type IdGenerator } from '../core/platform/ids';
import { noAdminSettings, type AdminSettingsSource } from '../core/platform/admin-settings';
import { fileSink, type LogLimits } from '../core/platform/log-file';
import { createLogger, type Logger, type LogSink } from '../core/platform/logger';
import type { Caller } from '../core/access/caller';
import type { CoreDeps } from '../core/records/context';
import { openStore, type Store } from '../core/store/store';
import type { Migration } from '../core/store/migrations';
import type { KeyProvider } from '../core/platform/key-provider';
import { closeIntakeService } from '../ocr/pipeline/service-registry';
import { startBackgroundSync, syncSummary } from '../sync';
import { startClassifyBackground, type ClassifyBackground } from '../classify/app/background';
import { handlers } from './handlers';
import { APP_VERSION } from './version';

export interface AppOptions {
  dataDir: string;
  mode: SystemStatus['mode'];
  identity?: IdentitySource;
  clock?: Clock;
  ids?: IdGenerator;
  /** Extra log sinks (stderr for the CLI, memory in tests); the data folder's log file is always written. */
  logSinks?: LogSink[];
  validateOutput?: boolean;
  migrations?: readonly Migration[];
  /** Seals blobs at rest under a key this provider protects (host/config/front-end.ts picks it). */
  keys?: KeyProvider;
  /** Make Posteingang proposals, automatic filings and retrains in the background (default: not for the CLI). */
  classifyInBackground?: boolean;
  /** The machine config's DMS, TSA and trust store (host/config/front-end.ts); none in tests and demos. */
  admin?: AdminSettingsSource;
  /** Size and number of log files (the machine config's `logs`). */
  logLimits?: LogLimits;
}

export interface App {
  readonly deps: CoreDeps;
  readonly store: Store;
  readonly events: EventBus;
  readonly logger: Logger;
  readonly sessions: SessionRegistry;
  readonly dispatch: Dispatch;
  readonly classify: ClassifyBackground;
  close(): Promise<void>;
}

/** The composition root: every service is built here once and handed to the transports. */
export async function createApp(opts: AppOptions): Promise<App> {
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? randomIds;
  const logger = createLogger([fileSink(join(opts.dataDir, 'logs', 'eakte.log'), opts.logLimits), ...(opts.logSinks ?? [])]).child({
    mode: opts.mode,
  });
  const store = await openStore({ dataDir: opts.dataDir, logger, now: clock.now(), migrations: opts.migrations, keys: opts.keys });
  const events = createEventBus();
  const sessions = new SessionRegistry();
  const identity = opts.identity ?? demoIdentity;
  const deps: CoreDeps = { store, clock, ids, logger, events, admin: opts.admin ?? noAdminSettings };

  const systemStatus = async (caller: Caller | null): Promise<SystemStatus> => ({
    version: APP_VERSION,
    mode: opts.mode,
    demo: identity.demo,
    sync: await syncSummary(deps, caller),
  });

  const dispatch = createDispatch({
    ...deps,
    handlers,
    sessions,
    identity,
    systemStatus,
    validateOutput: opts.validateOutput ?? process.env.NODE_ENV !== 'production',
  });
  logger.info('app started', { version: APP_VERSION, schema: store.migration.to });
  // The CLI syncs only on `eakte sync run`; the app keeps the DMS up to date in the background.
  const syncLoop = opts.mode === 'cli' ? null : startBackgroundSync(deps);
  // The app also runs the intake queue, resuming jobs a crash interrupted (CLI intake commands run their
  // own). Loaded in the background: the OCR stack must not delay the window.
  const intake =
    opts.mode === 'cli'
      ? null
      : import('../ocr')
          .then((m) => m.startIntakeService(deps))
          .catch((err: unknown) => logger.error('intake queue not started', { stack: err instanceof Error ? err.stack : String(err) }));
  // Signatures made while the TSA was unreachable get their timestamp once it answers (the CLI has a command).
  const timestamps =
    opts.mode === 'cli'
      ? null
      : import('../archive/sign/app/timestamp-background')
          .then((m) => m.startTimestampUpgrades(deps))
          .catch((err: unknown) => logger.error('timestamp upgrades not started', { stack: err instanceof Error ? err.stack : String(err) }));
  const background = opts.classifyInBackground ?? opts.mode !== 'cli';
  const classify = startClassifyBackground(deps, { sweepAtStart: background, react: background });
  const close = async () => {
    await classify.stop();
    await syncLoop?.stop();
    await (await timestamps)?.stop();
    await intake;
    // Stops running stages (they continue at the next start) before the store closes under them.
    await closeIntakeService(store);
    await store.close();
  };
  return { deps, store, events, logger, sessions, dispatch, classify, close };
}
