import type { Queryable, WriteTx } from '../../core/store/db';
import type { SyncEnv } from '../env';
import { loadDocument, loadVersions } from '../local/records';
import type { RemoteVersion } from '../mapping';
import { documentSnapshot, type DocumentSnapshot } from '../pull/snapshot';

/**
 * Keeps both sides of a conflict: the local state stays as it is, the DMS's state is stored with the
 * conflict (its contents already downloaded into the blob store), and the object's operations wait for
 * the clerk's decision. One open conflict per object.
 */
export type ConflictKind = 'edit_edit' | 'local_edit_remote_delete' | 'local_delete_remote_edit';

export interface LocalConflictState {
  exists: boolean;
  metadata: { title: string; docType: string | null; sender: string | null; documentDate: string | null; vorgangUuid: string | null } | null;
  versions: { uuid: string; sha256: string; size: number; fileName: string; mimeType: string }[];
  pendingOps: string[];
}

/** The local side of a document now: recorded with a conflict, and read again when the clerk decides it. */
export async function localState(q: Queryable, uuid: string): Promise<LocalConflictState> {
  const doc = await loadDocument(q, uuid);
  const versions = doc ? await loadVersions(q, doc.id) : [];
  const pending = await q.all<{ op_id: string }>(`SELECT op_id FROM outbox WHERE object_uuid = ? AND state IN ('pending', 'failed') ORDER BY id`, [uuid]);
  return {
    exists: Boolean(doc),
    metadata: doc ? { title: doc.title, docType: doc.doc_type, sender: doc.sender, documentDate: doc.document_date, vorgangUuid: doc.vorgang_uuid } : null,
    versions: versions.map((v) => ({ uuid: v.uuid, sha256: v.blob_hash, size: v.size, fileName: v.file_name, mimeType: v.mime_type })),
    pendingOps: pending.map((p) => p.op_id),
  };
}

/** Inside a write transaction, with the DMS's state fetched beforehand (null: deleted there). */
export async function insertConflict(
  tx: WriteTx,
  env: Pick<SyncEnv, 'deps'>,
  c: { objectType: string; objectUuid: string; kind: ConflictKind; remote: DocumentSnapshot | null },
): Promise<void> {
  const { clock, ids, logger } = env.deps;
  if (await tx.get('SELECT 1 FROM sync_conflict WHERE object_uuid = ? AND resolved_at IS NULL', [c.objectUuid])) return;
  const kind = c.remote === null && c.kind === 'edit_edit' ? 'local_edit_remote_delete' : c.kind;
  await tx.run(
    `INSERT INTO sync_conflict (uuid, object_type, object_uuid, kind, local_state, remote_state, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [ids.uuid(), c.objectType, c.objectUuid, kind, JSON.stringify(await localState(tx, c.objectUuid)), JSON.stringify(c.remote), clock.now().toISOString()],
  );
  logger.warn('sync conflict', { object: c.objectUuid, kind });
}

/**
 * From the push side: fetches the DMS's state first, then records. False when there is nothing to decide:
 * a local deletion whose DMS side is gone from our Akten as well by now (deleted there, e.g. by a third client,
 * since the caller saw the edit). Recorded, such a conflict would show neither side, so no clerk could see or
 * decide it and the deletion would wait for ever.
 */
export async function recordConflict(
  env: SyncEnv,
  c: { objectType: string; objectUuid: string; kind: ConflictKind; remote: RemoteVersion | null },
): Promise<boolean> {
  const remote = c.remote ? await documentSnapshot(env, c.remote.seriesId) : null;
  if (remote === null && c.kind === 'local_delete_remote_edit') return false;
  await env.deps.store.write((tx) => insertConflict(tx, env, { ...c, remote }));
  return true;
}
