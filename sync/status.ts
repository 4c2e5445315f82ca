import { germanMessage, errorTable, type ErrorCode } from '../contract/errors';
import type { SyncDetails } from '../contract/methods/sync';
import type { SystemStatus } from '../contract/schemas/system';
import type { Caller } from '../core/access/caller';
import { syncObjectVisibility } from '../core/access/policy';
import type { CoreDeps } from '../core/records/context';
import type { Queryable } from '../core/store/db';
import { appSyncConfig } from './config';
import { readSyncState } from './state';

/**
 * What the app shows about sync: one summary for the status bar (system.status and the sync.status
 * event), details for the sync page, and a state per object for badges. Read from the store, so a
 * sync run by the CLI in another process shows up in the app too.
 */
const running = new Map<string, Promise<void>>();

/** Marks a cycle as running for this data folder; null when one already runs. */
export function markRunning(dataDir: string): (() => void) | null {
  if (running.has(dataDir)) return null;
  let done = () => {};
  running.set(dataDir, new Promise<void>((resolve) => (done = resolve)));
  return () => {
    running.delete(dataDir);
    done();
  };
}

/** Resolves when no cycle runs for this data folder (at once when none does). */
export const cycleFinished = (dataDir: string): Promise<void> => running.get(dataDir) ?? Promise.resolve();

type StatusDeps = Pick<CoreDeps, 'store' | 'admin' | 'logger'>;

/** As the loop decides it; broken settings count as set up (the sync page then shows why they fail). */
const isConfigured = (deps: StatusDeps) => {
  try {
    return appSyncConfig(deps) !== null;
  } catch {
    return true;
  }
};

/** The state without counts: what every window may hear (the sync.status event). */
export async function syncState(deps: StatusDeps): Promise<Omit<SystemStatus['sync'], 'pendingOperations'>> {
  const dataDir = deps.store.dataDir;
  const s = await readSyncState(deps.store.reader);
  const failedRecently = s.last_error_code !== null && (!s.last_success_at || (s.last_error_at ?? '') >= s.last_success_at);
  const state: SystemStatus['sync']['state'] = !isConfigured(deps)
    ? 'not_configured'
    : running.has(dataDir)
      ? 'syncing'
      : failedRecently
        ? s.last_error_code === 'sync.server_unreachable'
          ? 'offline'
          : 'error'
        : s.online
          ? 'online'
          : 'offline';
  return { state, lastSuccessAt: s.last_success_at };
}

/** Open operations, conflicts: only those on objects the caller may see (core/access/policy). */
const countVisible = async (q: Queryable, caller: Caller | null, from: string, where: string): Promise<number> => {
  const visible = syncObjectVisibility(caller, 'o.object_uuid');
  const row = await q.get<{ n: number }>(`SELECT count(*) AS n FROM ${from} o WHERE ${where} AND ${visible.sql}`, visible.params);
  return row?.n ?? 0;
};

export async function syncSummary(deps: StatusDeps, caller: Caller | null): Promise<SystemStatus['sync']> {
  return { ...(await syncState(deps)), pendingOperations: await countVisible(deps.store.reader, caller, 'outbox', `o.state IN ('pending', 'failed')`) };
}

export async function syncDetails(deps: StatusDeps, caller: Caller | null): Promise<SyncDetails> {
  const q = deps.store.reader;
  const summary = await syncSummary(deps, caller);
  const s = await readSyncState(q);
  const code = s.last_error_code && Object.hasOwn(errorTable, s.last_error_code) ? (s.last_error_code as ErrorCode) : null;
  const params = s.last_error_params ? (JSON.parse(s.last_error_params) as Record<string, string | number>) : {};
  return {
    ...summary,
    failedOperations: await countVisible(q, caller, 'outbox', `o.state = 'failed'`),
    openConflicts: await countVisible(q, caller, 'sync_conflict', 'o.resolved_at IS NULL'),
    lastAttemptAt: s.last_attempt_at,
    lastError:
      code && summary.state !== 'online'
        ? { code, message: germanMessage(code, code === 'api.internal' ? { ref: '–', ...params } : params), retryable: errorTable[code].retryable, at: s.last_error_at ?? '' }
        : null,
    nextRetryAt: s.next_retry_at,
  };
}

type ObjectSyncState = 'synced' | 'pending' | 'conflict' | 'error' | 'local_only';

/** Per object, for the renderer's badge: conflict > error > pending > synced > local only. */
export async function objectSyncStates(q: Queryable, uuids: readonly string[]): Promise<{ uuid: string; state: ObjectSyncState; pendingOperations: number; lastSyncedAt: string | null }[]> {
  const out = [];
  for (const uuid of uuids) {
    const conflict = await q.get('SELECT 1 FROM sync_conflict WHERE object_uuid = ? AND resolved_at IS NULL', [uuid]);
    const ops = await q.get<{ pending: number; failed: number }>(
      `SELECT sum(state = 'pending') AS pending, sum(state = 'failed') AS failed FROM outbox WHERE object_uuid = ?`,
      [uuid],
    );
    const mapping = await q.get<{ synced_at: string }>('SELECT synced_at FROM sync_object WHERE object_uuid = ?', [uuid]);
    const pending = (ops?.pending ?? 0) + (ops?.failed ?? 0);
    const state: ObjectSyncState = conflict ? 'conflict' : (ops?.failed ?? 0) > 0 ? 'error' : pending > 0 ? 'pending' : mapping ? 'synced' : 'local_only';
    out.push({ uuid, state, pendingOperations: pending, lastSyncedAt: mapping?.synced_at ?? null });
  }
  return out;
}
