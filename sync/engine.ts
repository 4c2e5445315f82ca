import { AppError, isAppError } from '../contract/app-error';
import type { CoreDeps } from '../core/records/context';
import { CmisClient, isCmisError } from './cmis/client';
import { appSyncConfig, configPath, type SyncConfig } from './config';
import type { SyncEnv } from './env';
import { safeName } from './mapping';
import { backoffMs, failOp, finishOp, unfinishedOps } from './outbox';
import { pull, type PullResult } from './pull/pull';
import { settleAgreedDeletions } from './conflicts/settle';
import { pushOp } from './push/push-op';
import { releaseAbandonedCheckouts } from './push/release';
import { hasOpenConflict } from './state';
import { markRunning, syncState } from './status';

/**
 * One sync cycle: connect, push the outbox in order, pull the DMS's changes. A transport failure ends
 * the cycle (nothing is lost: the outbox and the change token are where they were) and is recorded with
 * the time of the next try; a failure of one operation only delays that object.
 */
export interface CycleResult {
  ok: boolean;
  pushed: number;
  waiting: number;
  conflicts: number;
  pull: PullResult | null;
  errorCode: string | null;
}

export interface CycleOptions {
  config?: SyncConfig;
  random?: () => number;
  /** Consecutive failed cycles before this one; sets how long the next wait is. */
  failures?: number;
  /** Aborting closes the connection: requests in flight and any later ones fail, the cycle ends. */
  signal?: AbortSignal;
}

const TRANSPORT = new Set(['sync.server_unreachable', 'sync.server_error', 'sync.bad_response', 'sync.auth_failed', 'sync.token_backwards']);

export const isTransportError = (err: unknown): boolean => isAppError(err) && TRANSPORT.has(err.code);

export async function runCycle(deps: CoreDeps, opts: CycleOptions = {}): Promise<CycleResult> {
  const config = opts.config ?? appSyncConfig(deps);
  if (!config) throw new AppError('sync.not_configured', { path: configPath(deps.store.dataDir) }, 'sync is not configured');
  const random = opts.random ?? Math.random;
  const release = markRunning(deps.store.dataDir);
  if (!release) throw new AppError('sync.busy', {}, 'a sync cycle is already running');
  const client = new CmisClient({ url: config.url, repositoryId: config.repositoryId, auth: config.auth, timeoutMs: config.timeoutMs, caFile: config.caFile });
  const onAbort = () => client.close();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const result: CycleResult = { ok: false, pushed: 0, waiting: 0, conflicts: 0, pull: null, errorCode: null };
  const started = deps.clock.now().toISOString();
  await deps.store.write((tx) => tx.run('UPDATE sync_state SET last_attempt_at = ? WHERE id = 1', [started]));
  await emitSyncStatus(deps);
  try {
    const info = await client.repository();
    const env: SyncEnv = {
      deps,
      client,
      config,
      repositoryId: info.repositoryId,
      remoteUser: config.auth.type === 'basic' ? config.auth.username : null,
      random,
      folders: await resolveFolders(client, config, info.rootFolderId),
    };
    await deps.store.write((tx) => tx.run('UPDATE sync_state SET online = 1 WHERE id = 1'));
    await pushAll(env, result);
    result.pull = await pull(env);
    result.conflicts += result.pull.conflicts;
    result.ok = true;
    await deps.store.write((tx) =>
      tx.run(
        `UPDATE sync_state SET online = 1, last_success_at = ?, last_error_code = NULL, last_error_params = NULL, last_error_at = NULL, next_retry_at = NULL WHERE id = 1`,
        [deps.clock.now().toISOString()],
      ),
    );
  } catch (err) {
    const code = isAppError(err) ? err.code : 'api.internal';
    result.errorCode = code;
    if (!isTransportError(err)) deps.logger.error('sync cycle failed', { code, stack: err instanceof Error ? err.stack : String(err) });
    else deps.logger.warn('sync cycle failed', { code });
    const now = deps.clock.now();
    const retryAt = new Date(now.getTime() + backoffMs((opts.failures ?? 0) + 1, random, 1000, config.intervalSeconds * 1000 * 5));
    await deps.store
      .write((tx) =>
        tx.run(`UPDATE sync_state SET online = ?, last_error_code = ?, last_error_params = ?, last_error_at = ?, next_retry_at = ? WHERE id = 1`, [
          code === 'sync.server_unreachable' ? 0 : 1,
          code,
          JSON.stringify(isAppError(err) ? err.params : {}),
          now.toISOString(),
          retryAt.toISOString(),
        ]),
      )
      .catch(() => undefined); // a full disk must not hide the original failure
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    client.close();
    release();
    await emitSyncStatus(deps).catch(() => undefined);
  }
  return result;
}

export async function emitSyncStatus(deps: CoreDeps): Promise<void> {
  deps.events.emit({ type: 'sync.status', status: await syncState(deps) });
}

/** Our root folder (created on first use) and its Posteingang subfolder. */
async function resolveFolders(client: CmisClient, config: SyncConfig, repoRootId: string): Promise<SyncEnv['folders']> {
  let current = repoRootId;
  let path = '';
  for (const segment of config.rootPath.split('/').filter(Boolean)) {
    path += `/${segment}`;
    current = await folderAt(client, path, current, safeName(segment));
  }
  const posteingang = await folderAt(client, `${path}/Posteingang`, current, 'Posteingang');
  return { root: current, posteingang };
}

async function folderAt(client: CmisClient, path: string, parentId: string, name: string): Promise<string> {
  const existing = await getPath(client, path);
  if (existing) return existing;
  try {
    return String((await client.createFolder(parentId, { 'cmis:objectTypeId': 'cmis:folder', 'cmis:name': name })).succinctProperties['cmis:objectId']);
  } catch (err) {
    // Another client (or a duplicated delivery) made it first.
    const again = isCmisError(err, 'nameConstraintViolation', 'contentAlreadyExists', 'constraint') ? await getPath(client, path) : null;
    if (again) return again;
    throw err;
  }
}

async function getPath(client: CmisClient, path: string): Promise<string | null> {
  try {
    return String((await client.getObjectByPath(path)).succinctProperties['cmis:objectId']);
  } catch (err) {
    if (isCmisError(err, 'objectNotFound')) return null;
    throw err;
  }
}

/** Pushes every due operation in outbox order; an object whose operation cannot go now waits whole. */
async function pushAll(env: SyncEnv, result: CycleResult): Promise<void> {
  const { store, clock, logger } = env.deps;
  const blocked = new Set<string>();
  await releaseAbandonedCheckouts(env);
  await store.write((tx) => settleAgreedDeletions(tx, clock.now()));
  for (const op of await unfinishedOps(store.reader)) {
    if (blocked.has(op.object_uuid)) continue;
    const due = !op.next_attempt_at || op.next_attempt_at <= clock.now().toISOString();
    if (op.state === 'failed' || !due || (await hasOpenConflict(store.reader, op.object_uuid))) {
      blocked.add(op.object_uuid);
      continue;
    }
    try {
      const r = await pushOp(env, op);
      if (r.kind === 'done') {
        await store.write((tx) => finishOp(tx, op.op_id, r.outcome, clock.now()));
        result.pushed++;
      } else {
        blocked.add(op.object_uuid);
        if (r.kind === 'conflict') result.conflicts++;
        else result.waiting++;
      }
    } catch (err) {
      if (isTransportError(err)) throw err;
      blocked.add(op.object_uuid);
      const code = isAppError(err) ? err.code : isCmisError(err) ? `cmis.${err.exception}` : 'api.internal';
      logger.warn('sync operation failed', { op: op.op_id, kind: op.op, code });
      if (!isAppError(err) && !isCmisError(err)) logger.error('sync operation bug', { op: op.op_id, stack: err instanceof Error ? err.stack : String(err) });
      await store.write((tx) => failOp(tx, op, code, clock.now(), env.config.maxAttempts, env.random));
    }
  }
}
