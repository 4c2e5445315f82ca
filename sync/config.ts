import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../contract/app-error';
import { adminFixes, type AdminSettings } from '../core/platform/admin-settings';
import type { Logger } from '../core/platform/logger';
import type { CoreDeps } from '../core/records/context';

/**
 * Sync settings: `<data folder>/sync.json`, then environment variables on top (EAKTE_DMS_URL,
 * EAKTE_DMS_USER, EAKTE_DMS_PASSWORD, EAKTE_DMS_TOKEN), then the machine-wide config: its `dms`
 * (address, repository) and `trustStore` (the DMS's CA) win over the user's values unless the admin lists
 * them in `userOverrides`. Credentials are always the user's. Read for every cycle, so a change needs no
 * restart.
 */
const SecondaryTypes = z.object({
  akte: z.string().min(1).default('eakte:akte'),
  vorgang: z.string().min(1).default('eakte:vorgang'),
  document: z.string().min(1).default('eakte:document'),
});

export const SyncConfigFile = z.object({
  url: z.string().url(),
  repositoryId: z.string().optional(),
  auth: z.discriminatedUnion('type', [
    z.object({ type: z.literal('basic'), username: z.string().min(1), password: z.string() }),
    z.object({ type: z.literal('bearer'), token: z.string().min(1) }),
  ]),
  /** Folder in the DMS under which the Akten live; created when missing. */
  rootPath: z.string().startsWith('/').default('/eAkte'),
  secondaryTypes: SecondaryTypes.default({ akte: 'eakte:akte', vorgang: 'eakte:vorgang', document: 'eakte:document' }),
  documentType: z.string().default('cmis:document'),
  folderType: z.string().default('cmis:folder'),
  caFile: z.string().optional(),
  chunkSize: z.number().int().min(64 * 1024).max(256 * 1024 * 1024).default(8 * 1024 * 1024),
  timeoutMs: z.number().int().min(100).default(30_000),
  /** Seconds between cycles of `eakte sync run` and the app's background loop. */
  intervalSeconds: z.number().min(1).default(60),
  maxAttempts: z.number().int().min(1).default(10),
});
export type SyncConfig = z.infer<typeof SyncConfigFile>;

export const configPath = (dataDir: string) => join(dataDir, 'sync.json');

export interface SyncConfigSources {
  env?: NodeJS.ProcessEnv;
  admin?: AdminSettings;
  /** Told which of the user's keys the machine config overrode (key names only). */
  logger?: Logger;
}

/** null when sync is not set up (no file, no EAKTE_DMS_URL and no `dms` in the machine config). */
export function loadSyncConfig(dataDir: string, { env = process.env, admin, logger }: SyncConfigSources = {}): SyncConfig | null {
  const path = configPath(dataDir);
  let raw: Record<string, unknown> = {};
  if (existsSync(path)) {
    try {
      raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch {
      throw new AppError('sync.bad_config', { detail: `${path} ist kein gültiges JSON` }, 'sync.json is not JSON');
    }
  }
  if (env.EAKTE_DMS_URL) raw.url = env.EAKTE_DMS_URL;
  if (env.EAKTE_DMS_TOKEN) raw.auth = { type: 'bearer', token: env.EAKTE_DMS_TOKEN };
  else if (env.EAKTE_DMS_USER) raw.auth = { type: 'basic', username: env.EAKTE_DMS_USER, password: env.EAKTE_DMS_PASSWORD ?? '' };
  if (admin) applyAdmin(raw, admin, logger);
  if (raw.url === undefined) return null;
  const parsed = SyncConfigFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('sync.bad_config', { detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` }, 'invalid sync config');
  }
  return parsed.data;
}

/** The admin's values fill what the user left out and replace what the user may not set. */
function applyAdmin(raw: Record<string, unknown>, admin: AdminSettings, logger: Logger | undefined): void {
  const ignored: string[] = [];
  const take = (key: string, value: unknown, fixed: boolean) => {
    if (!fixed) raw[key] ??= value;
    else {
      if (raw[key] !== undefined && raw[key] !== value) ignored.push(key);
      raw[key] = value;
    }
  };
  if (admin.dms) {
    const fixed = adminFixes(admin, 'dms');
    take('url', admin.dms.url, fixed);
    take('repositoryId', admin.dms.repositoryId, fixed);
  }
  take('caFile', admin.trustStore, adminFixes(admin, 'trustStore'));
  const keys = ignored.join(',');
  // Once per process: the loop reads the settings every cycle.
  if (keys && !warned.has(keys)) {
    warned.add(keys);
    logger?.warn('sync settings of the user overridden by the machine config', { keys });
  }
}
const warned = new Set<string>();

/** The settings as the app uses them: the data folder's file under the admin's machine config. */
export const appSyncConfig = (deps: Pick<CoreDeps, 'store' | 'admin' | 'logger'>): SyncConfig | null =>
  loadSyncConfig(deps.store.dataDir, { admin: deps.admin(), logger: deps.logger });
