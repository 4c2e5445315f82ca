import { AppError } from '../../contract/app-error';
import type { SyncConflict } from '../../contract/methods/sync';
import { clerkAmter } from '../../core/access/policy';
import type { Caller } from '../../core/access/caller';
import { recordChange } from '../../core/records/change';
import type { CallCtx } from '../../core/records/context';
import type { Queryable, WriteTx } from '../../core/store/db';
import { applyDocument, loadDocument, removeDocument, setVersionHistory, type RemoteVersionState } from '../local/records';
import { uuidFromRemoteId } from '../mapping';
import type { DocumentSnapshot } from '../pull/snapshot';
import { dropMapping, saveMapping } from '../state';
import { localState, type LocalConflictState } from './record';

/**
 * The clerk's decision on a conflict, carried out locally in one transaction (no DMS needed: the DMS's
 * side was stored with the conflict). Nothing disappears without that decision:
 * - keep_local: the DMS's versions join the local history, the local changes are sent on top of them;
 * - keep_remote: the local changes are discarded, the document becomes what the DMS has;
 * - keep_both: the local side becomes a new document (Konfliktkopie) next to it, which is then sent,
 *   and the original becomes what the DMS has.
 */
export type Resolution = 'keep_local' | 'keep_remote' | 'keep_both';

interface ConflictRow {
  id: number;
  uuid: string;
  object_type: string;
  object_uuid: string;
  kind: SyncConflict['kind'];
  local_state: string;
  remote_state: string;
  detected_at: string;
  resolved_at: string | null;
  resolution: Resolution | null;
}

/** The document a conflict copy becomes: derived from the conflict, so a retried resolution makes the same one. */
export const conflictCopyUuid = (conflictUuid: string) => uuidFromRemoteId('conflict-copy', conflictUuid);

const parse = (r: ConflictRow) => ({
  local: JSON.parse(r.local_state) as LocalConflictState,
  remote: JSON.parse(r.remote_state) as DocumentSnapshot | null,
});

function toConflict(r: ConflictRow): SyncConflict {
  const { local, remote } = parse(r);
  return {
    uuid: r.uuid,
    objectType: r.object_type,
    objectUuid: r.object_uuid,
    kind: r.kind,
    detectedAt: r.detected_at,
    local: { exists: local.exists, title: local.metadata?.title ?? null, versionCount: local.versions.length, latestSha256: local.versions.at(-1)?.sha256 ?? null },
    remote: { exists: remote !== null, title: remote?.title ?? null, versionCount: remote?.versions.length ?? 0, latestSha256: remote?.versions.at(-1)?.sha256 ?? null },
    resolution: r.resolution,
    resolvedAt: r.resolved_at,
    copyUuid: r.resolution === 'keep_both' && local.exists ? conflictCopyUuid(r.uuid) : null,
  };
}

/** A conflict is the business of the clerks of the document's Amt. */
async function visible(q: Queryable, caller: Caller, r: ConflictRow): Promise<boolean> {
  const { remote } = parse(r);
  const doc = await q.get<{ amt_id: string | null }>('SELECT amt_id FROM document WHERE uuid = ?', [r.object_uuid]);
  const amt = doc?.amt_id ?? remote?.amt_id ?? null;
  return amt !== null && clerkAmter(caller).includes(amt);
}

export async function listConflicts(q: Queryable, caller: Caller, includeResolved: boolean): Promise<SyncConflict[]> {
  const rows = await q.all<ConflictRow>(`SELECT * FROM sync_conflict ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY id`);
  const out: SyncConflict[] = [];
  for (const r of rows) if (await visible(q, caller, r)) out.push(toConflict(r));
  return out;
}

export async function getConflict(q: Queryable, uuid: string): Promise<SyncConflict> {
  const row = await q.get<ConflictRow>('SELECT * FROM sync_conflict WHERE uuid = ?', [uuid]);
  if (!row) throw new AppError('sync.conflict_not_found', {}, 'conflict not found');
  return toConflict(row);
}

export async function resolveConflict(tx: WriteTx, ctx: CallCtx, uuid: string, resolution: Resolution): Promise<void> {
  const row = await tx.get<ConflictRow>('SELECT * FROM sync_conflict WHERE uuid = ? AND resolved_at IS NULL', [uuid]);
  if (!row || !(await visible(tx, ctx.caller, row))) throw new AppError('sync.conflict_not_found', {}, 'conflict not open or not visible');
  const { remote } = parse(row);
  const at = ctx.clock.now();
  const docUuid = row.object_uuid;
  // The local side as it is now, not as recorded: the clerk may have added versions since, which must not be lost.
  const local = await localState(tx, docUuid);

  if (resolution === 'keep_local') {
    if (remote === null) await recreateRemotely(tx, ctx, docUuid, local);
    else {
      const doc = await loadDocument(tx, docUuid);
      if (doc) {
        const remoteIds = new Set(remote.versions.map((v) => v.uuid));
        const localOnly: RemoteVersionState[] = local.versions
          .filter((v) => !remoteIds.has(v.uuid))
          .map((v) => ({ uuid: v.uuid, sha256: v.sha256, size: v.size, fileName: v.fileName, mimeType: v.mimeType, createdAt: at.toISOString() }));
        await setVersionHistory(tx, at, doc.id, docUuid, doc.amt_id, [...remote.versions, ...localOnly]);
        // Local metadata and place go out as one more change on top of the DMS's state.
        await recordChange(tx, ctx, {
          action: 'document.sync_keep_local',
          objectType: 'document',
          objectUuid: docUuid,
          amtId: doc.amt_id,
          details: { conflict: row.uuid },
          outbox: { op: 'document.update', payload: { uuid: docUuid, fields: ['title', 'docType', 'sender', 'documentDate', 'vorgang'] } },
        });
      }
      await saveMapping(tx, { object_uuid: docUuid, object_type: 'document', remote_id: remote.seriesId, remote_change_token: remote.changeToken, remote_version_id: remote.latestVersionId }, at);
    }
  } else {
    if (resolution === 'keep_both' && local.exists) await createConflictCopy(tx, ctx, docUuid, conflictCopyUuid(row.uuid), local);
    await discardPending(tx, docUuid, at);
    if (remote === null) {
      await removeDocument(tx, at, docUuid);
      await dropMapping(tx, docUuid);
    } else {
      await applyDocument(tx, at, remote);
      // No token: the next pull reads the document again, in case the DMS moved on since the conflict.
      await saveMapping(tx, { object_uuid: docUuid, object_type: 'document', remote_id: remote.seriesId, remote_change_token: null, remote_version_id: remote.latestVersionId }, at);
    }
  }
  await tx.run('UPDATE sync_conflict SET resolved_at = ?, resolution = ?, resolved_by = ? WHERE id = ?', [at.toISOString(), resolution, ctx.caller.username, row.id]);
  await recordChange(tx, ctx, {
    action: 'sync.resolve_conflict',
    objectType: 'document',
    objectUuid: docUuid,
    amtId: (await loadDocument(tx, docUuid))?.amt_id ?? remote?.amt_id ?? null,
    details: { conflict: row.uuid, kind: row.kind, resolution },
  });
}

const discardPending = (tx: WriteTx, uuid: string, at: Date) =>
  tx.run(`UPDATE outbox SET state = 'done', outcome = 'discarded', done_at = ?, next_attempt_at = NULL WHERE object_uuid = ? AND state IN ('pending', 'failed')`, [
    at.toISOString(),
    uuid,
  ]);

/** The DMS deleted what we changed and the clerk keeps ours: send the whole document again. */
async function recreateRemotely(tx: WriteTx, ctx: CallCtx, uuid: string, local: LocalConflictState): Promise<void> {
  const doc = await loadDocument(tx, uuid);
  await tx.run(`UPDATE outbox SET state = 'done', outcome = 'superseded', done_at = ? WHERE object_uuid = ? AND state IN ('pending', 'failed')`, [
    ctx.clock.now().toISOString(),
    uuid,
  ]);
  await dropMapping(tx, uuid);
  if (!doc) return;
  const [first, ...rest] = local.versions;
  if (!first) return;
  await recordChange(tx, ctx, {
    action: 'document.sync_recreate',
    objectType: 'document',
    objectUuid: uuid,
    amtId: doc.amt_id,
    outbox: { op: 'document.create', payload: { uuid, versionUuid: first.uuid, sha256: first.sha256 } },
  });
  for (const v of rest) {
    await recordChange(tx, ctx, {
      action: 'document.sync_recreate_version',
      objectType: 'document',
      objectUuid: uuid,
      amtId: doc.amt_id,
      outbox: { op: 'document.version', payload: { uuid, versionUuid: v.uuid, sha256: v.sha256 } },
    });
  }
}

/** The local side as a new document in the same place, with the whole local history. */
async function createConflictCopy(tx: WriteTx, ctx: CallCtx, sourceUuid: string, copyUuid: string, local: LocalConflictState): Promise<void> {
  const source = await loadDocument(tx, sourceUuid);
  if (!source || !local.metadata || (await loadDocument(tx, copyUuid))) return;
  const at = ctx.clock.now();
  const created = await applyDocument(tx, at, {
    uuid: copyUuid,
    title: `${local.metadata.title} (Konfliktkopie)`,
    doc_type: local.metadata.docType,
    sender: local.metadata.sender,
    document_date: local.metadata.documentDate,
    amt_id: source.amt_id,
    vorgangUuid: local.metadata.vorgangUuid,
    versions: local.versions.map((v, i) => ({
      uuid: uuidFromRemoteId(copyUuid, `${i}:${v.uuid}`),
      sha256: v.sha256,
      size: v.size,
      fileName: v.fileName,
      mimeType: v.mimeType,
      createdAt: at.toISOString(),
    })),
  });
  if (!created) return;
  const copy = await loadDocument(tx, copyUuid);
  const versions = await tx.all<{ uuid: string; blob_hash: string }>(
    'SELECT uuid, blob_hash FROM document_version WHERE document_id = ? ORDER BY version_no',
    [copy?.id ?? -1],
  );
  const [first, ...rest] = versions;
  if (!first) return;
  await recordChange(tx, ctx, {
    action: 'document.conflict_copy',
    objectType: 'document',
    objectUuid: copyUuid,
    amtId: source.amt_id,
    details: { source: sourceUuid },
    outbox: { op: 'document.create', payload: { uuid: copyUuid, versionUuid: first.uuid, sha256: first.blob_hash } },
  });
  for (const v of rest) {
    await recordChange(tx, ctx, {
      action: 'document.version',
      objectType: 'document',
      objectUuid: copyUuid,
      amtId: source.amt_id,
      outbox: { op: 'document.version', payload: { uuid: copyUuid, versionUuid: v.uuid, sha256: v.blob_hash } },
    });
  }
}
