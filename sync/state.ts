import type { Queryable, WriteTx } from '../core/store/db';

/** Queries on the sync tables of migration 0004; nothing here talks to the DMS. */
export interface SyncObjectRow {
  object_uuid: string;
  object_type: 'akte' | 'vorgang' | 'document';
  remote_id: string;
  remote_change_token: string | null;
  remote_version_id: string | null;
  synced_at: string;
}

export interface SyncStateRow {
  repository_id: string | null;
  change_token: string | null;
  online: 0 | 1;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error_code: string | null;
  last_error_params: string | null;
  last_error_at: string | null;
  next_retry_at: string | null;
}

export const readSyncState = async (q: Queryable): Promise<SyncStateRow> =>
  (await q.get<SyncStateRow>('SELECT * FROM sync_state WHERE id = 1')) as SyncStateRow;

export const mappingOf = (q: Queryable, uuid: string) => q.get<SyncObjectRow>('SELECT * FROM sync_object WHERE object_uuid = ?', [uuid]);

export const mappingByRemote = (q: Queryable, remoteId: string) =>
  q.get<SyncObjectRow>('SELECT * FROM sync_object WHERE remote_id = ?', [remoteId]);

/** For delete events, which name a version's object id: a scan, but deletions are rare. */
export const mappingByRemoteOrVersion = async (q: Queryable, id: string) =>
  (await mappingByRemote(q, id)) ?? q.get<SyncObjectRow>('SELECT * FROM sync_object WHERE remote_version_id = ?', [id]);

export const saveMapping = (tx: WriteTx, m: Omit<SyncObjectRow, 'synced_at'>, at: Date): Promise<void> => saveMappings(tx, [m], at);

/** Several mappings in two statements (the initial sync saves thousands). */
export async function saveMappings(tx: WriteTx, rows: readonly Omit<SyncObjectRow, 'synced_at'>[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows);
  // A remote id that moved to another local uuid (recreated object) releases its old row first.
  await tx.run(
    `DELETE FROM sync_object WHERE rowid IN (
       SELECT s.rowid FROM json_each(?) j JOIN sync_object s ON s.remote_id = j.value->>'remote_id' AND s.object_uuid <> j.value->>'object_uuid')`,
    [json],
  );
  await tx.run(
    `INSERT INTO sync_object (object_uuid, object_type, remote_id, remote_change_token, remote_version_id, synced_at)
     SELECT value->>'object_uuid', value->>'object_type', value->>'remote_id', value->>'remote_change_token', value->>'remote_version_id', ? FROM json_each(?) WHERE true
     ON CONFLICT (object_uuid) DO UPDATE SET remote_id = excluded.remote_id, remote_change_token = excluded.remote_change_token,
       remote_version_id = excluded.remote_version_id, synced_at = excluded.synced_at`,
    [at.toISOString(), json],
  );
}

export const dropMapping = (tx: WriteTx, uuid: string) => tx.run('DELETE FROM sync_object WHERE object_uuid = ?', [uuid]);

/** Local operations not yet on the server, per object: while there are any, remote changes conflict. */
export async function hasPendingOps(q: Queryable, uuid: string): Promise<boolean> {
  return Boolean(await q.get(`SELECT 1 FROM outbox WHERE object_uuid = ? AND state IN ('pending', 'failed') LIMIT 1`, [uuid]));
}

/** Local work on the object that remote changes must not run over: open operations or an open conflict. */
export async function localWork(q: Queryable, uuid: string): Promise<{ pending: boolean; conflict: boolean }> {
  const row = await q.get<{ pending: number; conflict: number }>(
    `SELECT EXISTS (SELECT 1 FROM outbox WHERE object_uuid = ? AND state IN ('pending', 'failed')) AS pending,
            EXISTS (SELECT 1 FROM sync_conflict WHERE object_uuid = ? AND resolved_at IS NULL) AS conflict`,
    [uuid, uuid],
  );
  return { pending: Boolean(row?.pending), conflict: Boolean(row?.conflict) };
}

/** Of the given uuids, those with no local document, no open operation and no open conflict: new to this client. */
export async function unknownLocally(q: Queryable, uuids: readonly string[]): Promise<Set<string>> {
  if (uuids.length === 0) return new Set();
  const rows = await q.all<{ uuid: string }>(
    `SELECT j.value AS uuid FROM json_each(?) j
     WHERE NOT EXISTS (SELECT 1 FROM document WHERE uuid = j.value)
       AND NOT EXISTS (SELECT 1 FROM outbox WHERE object_uuid = j.value AND state IN ('pending', 'failed'))
       AND NOT EXISTS (SELECT 1 FROM sync_conflict WHERE object_uuid = j.value AND resolved_at IS NULL)`,
    [JSON.stringify(uuids)],
  );
  return new Set(rows.map((r) => r.uuid));
}

export const isOwnOp = async (q: Queryable, opId: string | null): Promise<boolean> =>
  Boolean(opId && (await q.get('SELECT 1 FROM outbox WHERE op_id = ?', [opId])));

/**
 * Whether the DMS's latest change of an object is one of our operations (e.g. one whose answer was lost).
 * A colleague's plain CMIS edit leaves our last eakte:opId in place, so the DMS user who made the change
 * must be ours as well (where both are known).
 */
export const isOwnChange = async (q: Queryable, change: { opId: string | null; modifiedBy: string | null }, remoteUser: string | null): Promise<boolean> =>
  (remoteUser === null || change.modifiedBy === null || change.modifiedBy === remoteUser) && (await isOwnOp(q, change.opId));

export const hasOpenConflict = async (q: Queryable, uuid: string): Promise<boolean> =>
  Boolean(await q.get('SELECT 1 FROM sync_conflict WHERE object_uuid = ? AND resolved_at IS NULL', [uuid]));

/**
 * Moves the pull position in the same transaction as the changes it covers. Compare-and-swap on the
 * previous token refuses a stale or concurrent pull; numeric tokens must also never go backwards.
 */
export async function advanceToken(tx: WriteTx, from: string | null, to: string, repositoryId: string): Promise<boolean> {
  const row = await readSyncState(tx);
  if (row.change_token !== from) return false;
  if (from !== null && /^\d+$/.test(from) && /^\d+$/.test(to) && BigInt(to) < BigInt(from)) return false;
  await tx.run('UPDATE sync_state SET change_token = ?, repository_id = ? WHERE id = 1', [to, repositoryId]);
  return true;
}
