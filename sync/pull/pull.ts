import { AppError } from '../../contract/app-error';
import { mapPool } from '../../core/jobs';
import type { BlobBatch } from '../../core/store/blobs/blob-store';
import type { WriteTx } from '../../core/store/db';
import { isCmisError } from '../cmis/client';
import type { CmisObject } from '../cmis/schemas';
import { insertConflict } from '../conflicts/record';
import type { SyncEnv } from '../env';
import { applyAkte, applyDocument, applyVorgang, insertDocuments, loadDocument, loadVersions, removeDocument } from '../local/records';
import { isDocument, isFolder, P, remoteString, toRemoteFolder, uuidFromRemoteId, type RemoteFolder } from '../mapping';
import {
  advanceToken,
  dropMapping,
  hasPendingOps,
  isOwnChange,
  localWork,
  mappingByRemote,
  mappingByRemoteOrVersion,
  mappingOf,
  readSyncState,
  saveMapping,
  saveMappings,
  unknownLocally,
} from '../state';
import { documentSnapshot, PullLookups, type BlobSink, type DocumentSnapshot } from './snapshot';

/**
 * Pull, in the manner of Replicache: read the DMS's changes since our change token, validate them at
 * the border (the CMIS client does), stage them (contents into the blob store, nothing in the records
 * yet), then apply the staged changes together with the new token in one transaction. The token never
 * moves backwards and never moves without its changes.
 */
export interface PullResult {
  applied: number;
  conflicts: number;
  initial: boolean;
}

type Staged =
  | { kind: 'folder'; folder: RemoteFolder }
  | { kind: 'document'; snapshot: DocumentSnapshot }
  | { kind: 'deleted'; uuid: string };

const PAGE = 200;
/** Folder listings of the initial sync: properties only, so large pages (the dev DMS's maximum). */
const LIST_PAGE = 1000;
/** Content downloads at a time over the client's keep-alive connections (the benchmark gives curl the same). */
export const DOWNLOADS_IN_PARALLEL = 16;
/** Documents per transaction of the initial sync, their blobs made durable together just before. */
const APPLY_BATCH = 500;

export async function pull(env: SyncEnv): Promise<PullResult> {
  const state = await readSyncState(env.deps.store.reader);
  const result: PullResult = { applied: 0, conflicts: 0, initial: false };
  if (state.change_token === null || state.repository_id !== env.repositoryId) {
    await initialSync(env, state.change_token, result);
    result.initial = true;
  }
  await refreshMarked(env, result);
  for (;;) {
    const from = (await readSyncState(env.deps.store.reader)).change_token;
    const page = await env.client.contentChanges(from, PAGE);
    const to = page.changeLogToken ?? from;
    if (to === null) throw new AppError('sync.bad_response', { detail: 'Änderungsmarke fehlt' }, 'content changes without a change log token');
    const { staged, batch } = await stageInBatch(env, (sink) => stageChanges(env, page.objects, sink, result));
    await applyStaged(env, staged, result, from, to, durable(batch));
    if (!page.hasMoreItems || page.objects.length === 0) break;
  }
  return result;
}

/** No token yet: read the whole tree under our root, then continue from the token taken before. */
async function initialSync(env: SyncEnv, from: string | null, result: PullResult): Promise<void> {
  const info = await env.client.repositoryInfo();
  const startToken = info.latestChangeLogToken ?? '0';
  const folders: RemoteFolder[] = [];
  for (let skip = 0; ; skip += 1000) {
    const r = await env.client.query(`SELECT * FROM cmis:folder WHERE IN_TREE('${env.folders.root}')`, skip, 1000);
    folders.push(...r.results.map((o) => toRemoteFolder(env.config, o)));
    if (!r.hasMoreItems) break;
  }
  await applyFolders(env, folders, result);

  const containers = [
    ...(await env.deps.store.reader.all<{ remote_id: string }>(`SELECT remote_id FROM sync_object WHERE object_type IN ('akte', 'vorgang')`)).map((r) => r.remote_id),
    ...(env.folders.posteingang ? [env.folders.posteingang] : []),
  ];
  // Folders are listed several at a time: one by one, the round trips add up to seconds for 10,000 documents.
  const listings = await mapPool(containers, DOWNLOADS_IN_PARALLEL, async (folderId) => {
    const docs: { doc: CmisObject; folderId: string }[] = [];
    for (let skip = 0; ; skip += LIST_PAGE) {
      const page = await env.client.children(folderId, skip, LIST_PAGE);
      docs.push(...page.objects.filter(isDocument).map((doc) => ({ doc, folderId })));
      if (!page.hasMoreItems) return docs;
    }
  });
  const listed = listings.flat();
  // Contents download into a blob batch per APPLY_BATCH documents; while one batch is made durable and
  // applied in one transaction, the next one downloads (measured in bench/sync.bench.ts).
  const known = await env.deps.store.reader.all<{ remote_id: string; object_uuid: string }>(`SELECT remote_id, object_uuid FROM sync_object WHERE object_type = 'document'`);
  const lookups = new PullLookups(env, new Map(known.map((m) => [m.remote_id, m.object_uuid])), new Set(await env.deps.store.blobs.list()));
  let applying: Promise<void> = Promise.resolve();
  try {
    for (let i = 0; i < listed.length; i += APPLY_BATCH) {
      const { staged, batch } = await stageInBatch(env, async (sink) => {
        const documents = await stageDocuments(env, listed.slice(i, i + APPLY_BATCH), sink, lookups);
        await applying; // the previous batch's failure ends the pull here
        return documents;
      });
      applying = applyStaged(env, staged, result, null, null, durable(batch));
      applying.catch(() => undefined); // surfaces at the next await of `applying`, not as an unhandled rejection
    }
  } finally {
    await applying;
  }
  await env.deps.store.write(async (tx) => {
    if (!(await advanceToken(tx, from, startToken, env.repositoryId))) {
      throw new AppError('sync.token_backwards', {}, 'change token moved during the initial sync');
    }
  });
}

/** The batch's commit, started now and awaited inside the transaction that references its blobs. */
function durable(batch: BlobBatch): Promise<void> {
  const committed = batch.commit();
  committed.catch(() => undefined); // surfaces where the transaction awaits it
  return committed;
}

/**
 * Stages into a new blob batch (contents written without an fsync each); when staging fails the batch's files
 * are removed. The caller commits the batch before the transaction that references its blobs.
 */
async function stageInBatch(env: SyncEnv, stage: (sink: BlobSink) => Promise<Staged[]>): Promise<{ staged: Staged[]; batch: BlobBatch }> {
  const batch = env.deps.store.blobs.batch();
  try {
    return { staged: await stage(batch), batch };
  } catch (err) {
    await batch.abort();
    throw err;
  }
}

/** Snapshots of listed documents (contents into `sink`), downloads bounded; documents outside our Akten drop out. */
async function stageDocuments(env: SyncEnv, listed: readonly { doc: CmisObject; folderId: string }[], sink: BlobSink, lookups: PullLookups): Promise<Staged[]> {
  const snapshots = await mapPool(listed, DOWNLOADS_IN_PARALLEL, ({ doc, folderId }) =>
    documentSnapshot(env, String(doc.succinctProperties['cmis:versionSeriesId'] ?? doc.succinctProperties['cmis:objectId']), { known: { latest: doc, parentId: folderId }, sink, lookups }),
  );
  return snapshots.filter((s) => s !== null).map((snapshot) => ({ kind: 'document', snapshot }));
}

/**
 * Documents whose mapping has no change token: a conflict was decided while the DMS may have moved on
 * (its changes were not applied while the conflict was open), so they are read again as they are now.
 */
async function refreshMarked(env: SyncEnv, result: PullResult): Promise<void> {
  const marked = await env.deps.store.reader.all<{ object_uuid: string; remote_id: string }>(
    `SELECT object_uuid, remote_id FROM sync_object WHERE object_type = 'document' AND remote_change_token IS NULL`,
  );
  if (marked.length === 0) return;
  const { staged, batch } = await stageInBatch(env, async (sink) => {
    const out: Staged[] = [];
    for (const m of marked) {
      const snap = await documentSnapshot(env, m.remote_id, { sink });
      out.push(snap ? { kind: 'document', snapshot: snap } : { kind: 'deleted', uuid: m.object_uuid });
    }
    return out;
  });
  await batch.commit();
  const token = (await readSyncState(env.deps.store.reader)).change_token;
  await applyStaged(env, staged, result, token, token);
}

/**
 * The page's folders are applied first, in their own transaction (idempotent, so harmless when the page is
 * read again): a document created in a new Vorgang folder of the same page then finds its Vorgang.
 */
async function stageChanges(
  env: SyncEnv,
  events: { succinctProperties: Record<string, unknown>; changeEventInfo: { changeType: string } }[],
  sink: BlobSink,
  result: PullResult,
): Promise<Staged[]> {
  const reader = env.deps.store.reader;
  const folders = new Set<string>();
  const series = new Set<string>();
  const deletedSeries = new Set<string>();
  for (const e of events) {
    const p = e.succinctProperties;
    const id = String(p['cmis:objectId']);
    if (e.changeEventInfo.changeType === 'deleted') {
      const m = await mappingByRemoteOrVersion(reader, id);
      if (m?.object_type === 'document') deletedSeries.add(m.remote_id);
      continue;
    }
    if (p['cmis:isPrivateWorkingCopy'] === true) continue;
    const base = p['cmis:baseTypeId'];
    if (base === 'cmis:folder') folders.add(id);
    else if (base === 'cmis:document') series.add(String(p['cmis:versionSeriesId'] ?? id));
    else {
      const o = await getOrNull(env, id);
      if (o && isFolder(o)) folders.add(id);
      else if (o && isDocument(o)) series.add(String(o.succinctProperties['cmis:versionSeriesId'] ?? id));
    }
  }
  const changedFolders: RemoteFolder[] = [];
  for (const id of folders) {
    const o = await getOrNull(env, id);
    if (o) changedFolders.push(toRemoteFolder(env.config, o));
  }
  await applyFolders(env, changedFolders, result);
  const staged: Staged[] = [];
  for (const s of deletedSeries) series.add(s);
  const lookups = new PullLookups(env);
  const snapshots = await mapPool([...series], DOWNLOADS_IN_PARALLEL, async (s) => ({ s, snap: await documentSnapshot(env, s, { sink, lookups }) }));
  for (const { s, snap } of snapshots) {
    if (snap) staged.push({ kind: 'document', snapshot: snap });
    else {
      const m = await mappingByRemote(reader, s);
      if (m?.object_type === 'document') staged.push({ kind: 'deleted', uuid: m.object_uuid });
    }
  }
  return staged;
}

/** Folders in one transaction without the token, Akten before their Vorgänge (so every Vorgang finds its Akte). */
async function applyFolders(env: SyncEnv, folders: RemoteFolder[], result: PullResult): Promise<void> {
  if (folders.length === 0) return;
  await applyStaged(env, [...folders].sort((a, b) => rank(a) - rank(b)).map((folder) => ({ kind: 'folder', folder })), result, null, null);
}

const rank = (f: RemoteFolder) => (f.kind === 'akte' ? 0 : 1);

async function getOrNull(env: SyncEnv, id: string): Promise<CmisObject | null> {
  try {
    return await env.client.getObject(id);
  } catch (err) {
    if (isCmisError(err, 'objectNotFound')) return null;
    throw err;
  }
}

/**
 * One transaction: the staged changes (or conflicts where both sides changed) and the new token. `blobs`, the
 * staged contents' batch commit, runs alongside the statements and must be done before the transaction commits:
 * no committed row ever references a blob that is not durable.
 */
async function applyStaged(env: SyncEnv, staged: Staged[], result: PullResult, from: string | null, to: string | null, blobs?: Promise<void>): Promise<void> {
  const { store, clock } = env.deps;
  await store.write(async (tx) => {
    const at = clock.now();
    for (const s of staged) if (s.kind === 'folder') result.applied += (await applyFolder(tx, env, s.folder, at)) ? 1 : 0;
    const inserted = await insertNew(tx, staged, at);
    result.applied += inserted.size;
    for (const s of staged) {
      if (s.kind === 'document' && !inserted.has(s.snapshot)) await applyDocumentChange(tx, env, s.snapshot, at, result);
      else if (s.kind === 'deleted') await applyDeletion(tx, env, s.uuid, at, result);
    }
    if (to !== null && !(await advanceToken(tx, from, to, env.repositoryId))) {
      throw new AppError('sync.token_backwards', {}, 'refused to move the change token backwards');
    }
    await blobs;
  });
}

/**
 * Documents new to this client (each uuid once in the list, nothing local about it) go in together: what
 * applyDocumentChange would do for each, in a few statements. Returns the snapshots inserted.
 */
async function insertNew(tx: WriteTx, staged: Staged[], at: Date): Promise<Set<DocumentSnapshot>> {
  const seen = new Map<string, number>();
  for (const s of staged) {
    const uuid = s.kind === 'document' ? s.snapshot.uuid : s.kind === 'deleted' ? s.uuid : null;
    if (uuid) seen.set(uuid, (seen.get(uuid) ?? 0) + 1);
  }
  const candidates = staged.flatMap((s) => (s.kind === 'document' && seen.get(s.snapshot.uuid) === 1 ? [s.snapshot] : []));
  const unknown = await unknownLocally(tx, candidates.map((c) => c.uuid));
  const fresh = candidates.filter((c) => unknown.has(c.uuid));
  const inserted = new Set(await insertDocuments(tx, at, fresh));
  const done = fresh.filter((c) => inserted.has(c.uuid));
  await saveMappings(
    tx,
    done.map((c) => ({ object_uuid: c.uuid, object_type: 'document' as const, remote_id: c.seriesId, remote_change_token: c.changeToken, remote_version_id: c.latestVersionId })),
    at,
  );
  return new Set(done);
}

async function applyFolder(tx: WriteTx, env: SyncEnv, f: RemoteFolder, at: Date): Promise<boolean> {
  const aktenzeichen = remoteString(f.props, P.aktenzeichen);
  if (f.kind === 'other' || !aktenzeichen) return false;
  const uuid = f.uuid ?? uuidFromRemoteId(env.repositoryId, f.objectId);
  // Local changes not yet pushed win over the DMS's folder state (they are sent next).
  if (await hasPendingOps(tx, uuid)) return false;
  let ok: boolean;
  if (f.kind === 'akte') {
    if (f.parentId !== env.folders.root) return false;
    ok = await applyAkte(tx, at, {
      uuid,
      aktenzeichen,
      title: remoteString(f.props, P.title) ?? f.name,
      planNumber: remoteString(f.props, P.aktenplan) ?? aktenzeichen.split('-')[0] ?? '',
      openedAt: remoteString(f.props, P.openedAt),
      status: remoteString(f.props, P.status) === 'zda' ? 'zda' : 'open',
      zdaAt: remoteString(f.props, P.zdaAt),
    });
  } else {
    const parent = f.parentId ? await mappingByRemote(tx, f.parentId) : undefined;
    if (parent?.object_type !== 'akte') return false;
    ok = await applyVorgang(tx, at, {
      uuid,
      akteUuid: parent.object_uuid,
      aktenzeichen,
      title: remoteString(f.props, P.title) ?? f.name,
      createdAt: remoteString(f.props, P.createdAt),
    });
  }
  if (ok) await saveMapping(tx, { object_uuid: uuid, object_type: f.kind, remote_id: f.objectId, remote_change_token: f.changeToken, remote_version_id: null }, at);
  return ok;
}

async function applyDocumentChange(tx: WriteTx, env: SyncEnv, snap: DocumentSnapshot, at: Date, result: PullResult): Promise<void> {
  const uuid = snap.uuid;
  const work = await localWork(tx, uuid);
  if (work.conflict) return;
  if (work.pending) {
    if (await sameAsLocal(tx, snap)) {
      // Someone pushed exactly what we hold (a copy of the same data): adopt it, no conflict.
      await saveMapping(tx, { object_uuid: uuid, object_type: 'document', remote_id: snap.seriesId, remote_change_token: snap.changeToken, remote_version_id: snap.latestVersionId }, at);
      return;
    }
    const mapping = await mappingOf(tx, uuid);
    // Our own change coming back, or nothing new: the pending operations go out as planned.
    if (snap.changeToken === mapping?.remote_change_token || (await isOwnChange(tx, snap, env.remoteUser))) return;
    await insertConflict(tx, env, { objectType: 'document', objectUuid: uuid, kind: (await localExists(tx, uuid)) ? 'edit_edit' : 'local_delete_remote_edit', remote: snap });
    result.conflicts++;
    return;
  }
  if (!(await applyDocument(tx, at, snap))) return;
  await saveMapping(tx, { object_uuid: uuid, object_type: 'document', remote_id: snap.seriesId, remote_change_token: snap.changeToken, remote_version_id: snap.latestVersionId }, at);
  result.applied++;
}

async function sameAsLocal(tx: WriteTx, snap: DocumentSnapshot): Promise<boolean> {
  const doc = await loadDocument(tx, snap.uuid);
  if (!doc) return false;
  const versions = await loadVersions(tx, doc.id);
  return (
    doc.title === snap.title && doc.sender === snap.sender && doc.doc_type === snap.doc_type && doc.document_date === snap.document_date &&
    doc.vorgang_uuid === snap.vorgangUuid && versions.length === snap.versions.length &&
    versions.every((v, i) => v.uuid === snap.versions[i]?.uuid && v.blob_hash === snap.versions[i]?.sha256)
  );
}

const localExists = async (tx: WriteTx, uuid: string) => Boolean(await tx.get('SELECT 1 FROM document WHERE uuid = ?', [uuid]));

async function applyDeletion(tx: WriteTx, env: SyncEnv, uuid: string, at: Date, result: PullResult): Promise<void> {
  const work = await localWork(tx, uuid);
  if (work.conflict) return;
  if (work.pending) {
    const pendingDelete = await tx.get(`SELECT 1 FROM outbox WHERE object_uuid = ? AND op = 'document.delete' AND state IN ('pending', 'failed')`, [uuid]);
    if (!pendingDelete) {
      await insertConflict(tx, env, { objectType: 'document', objectUuid: uuid, kind: 'local_edit_remote_delete', remote: null });
      result.conflicts++;
      return;
    }
  }
  await removeDocument(tx, at, uuid);
  await dropMapping(tx, uuid);
  result.applied++;
}
