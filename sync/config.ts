import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../contract/app-error';

/**
 * Sync settings: `<data folder>/sync.json`, then environment variables on top (EAKTE_DMS_URL,
 * EAKTE_DMS_USER, EAKTE_DMS_PASSWORD, EAKTE_DMS_TOKEN). Parsed once per engine and handed down.
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

/** null when sync is not set up (no file and no EAKTE_DMS_URL). */
export function loadSyncConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): SyncConfig | null {
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
  if (raw.url === undefined) return null;
  const parsed = SyncConfigFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('sync.bad_config', { detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` }, 'invalid sync config');
  }
  return parsed.data;
}
