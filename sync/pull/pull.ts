import { AppError } from '../../contract/app-error';
import type { WriteTx } from '../../core/store/db';
import { isCmisError } from '../cmis/client';
import type { CmisObject } from '../cmis/schemas';
import { insertConflict } from '../conflicts/record';
import type { SyncEnv } from '../env';
import { applyAkte, applyDocument, applyVorgang, loadDocument, loadVersions, removeDocument } from '../local/records';
import { isDocument, isFolder, P, remoteString, toRemoteFolder, uuidFromRemoteId, type RemoteFolder } from '../mapping';
import { advanceToken, dropMapping, hasPendingOps, isOwnChange, localWork, mappingByRemote, mappingByRemoteOrVersion, mappingOf, readSyncState, saveMapping } from '../state';
import { documentSnapshot, type DocumentSnapshot } from './snapshot';

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
const DOWNLOADS_IN_PARALLEL = 16;
/** Documents per transaction of the initial sync: one commit (fsync) per batch, not per page. */
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
    const staged = await stageChanges(env, page.objects);
    const to = page.changeLogToken ?? from;
    if (to === null) throw new AppError('sync.bad_response', { detail: 'Änderungsmarke fehlt' }, 'content changes without a change log token');
    await applyStaged(env, staged, result, from, to);
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
  // Akten before their Vorgänge, so every Vorgang finds its Akte.
  const ordered = [...folders.filter((f) => f.kind === 'akte'), ...folders.filter((f) => f.kind === 'vorgang')];
  await applyStaged(env, ordered.map((folder) => ({ kind: 'folder', folder })), result, null, null);

  const containers = [
    ...(await env.deps.store.reader.all<{ remote_id: string }>(`SELECT remote_id FROM sync_object WHERE object_type IN ('akte', 'vorgang')`)).map((r) => r.remote_id),
    ...(env.folders.posteingang ? [env.folders.posteingang] : []),
  ];
  // The listing is small (properties only); the contents then stream through one pool of downloads,
  // written in batches while the next ones download (measured in bench/sync.bench.ts).
  const listed: { doc: CmisObject; folderId: string }[] = [];
  for (const folderId of containers) {
    for (let skip = 0; ; skip += PAGE) {
      const page = await env.client.children(folderId, skip, PAGE);
      listed.push(...page.objects.filter(isDocument).map((doc) => ({ doc, folderId })));
      if (!page.hasMoreItems) break;
    }
  }
  let ready: Staged[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    const batch = ready;
    ready = [];
    writing = writing.then(() => applyStaged(env, batch, result, null, null));
    writing.catch(() => undefined); // a failed write surfaces at the await below, not as an unhandled rejection
  };
  try {
    await mapLimit(listed, DOWNLOADS_IN_PARALLEL, async ({ doc, folderId }) => {
      const seriesId = String(doc.succinctProperties['cmis:versionSeriesId'] ?? doc.succinctProperties['cmis:objectId']);
      const snapshot = await documentSnapshot(env, seriesId, { latest: doc, parentId: folderId });
      if (snapshot) ready.push({ kind: 'document', snapshot });
      if (ready.length >= APPLY_BATCH) flush();
    });
  } finally {
    flush();
    await writing;
  }
  await env.deps.store.write(async (tx) => {
    if (!(await advanceToken(tx, from, startToken, env.repositoryId))) {
      throw new AppError('sync.token_backwards', {}, 'change token moved during the initial sync');
    }
  });
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
  const staged: Staged[] = [];
  for (const m of marked) {
    const snap = await documentSnapshot(env, m.remote_id);
    staged.push(snap ? { kind: 'document', snapshot: snap } : { kind: 'deleted', uuid: m.object_uuid });
  }
  const token = (await readSyncState(env.deps.store.reader)).change_token;
  await applyStaged(env, staged, result, token, token);
}

async function stageChanges(env: SyncEnv, events: { succinctProperties: Record<string, unknown>; changeEventInfo: { changeType: string } }[]): Promise<Staged[]> {
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
  const staged: Staged[] = [];
  for (const id of folders) {
    const o = await getOrNull(env, id);
    if (o) staged.push({ kind: 'folder', folder: toRemoteFolder(env.config, o) });
  }
  staged.sort((a, b) => rank(a) - rank(b));
  for (const s of deletedSeries) series.add(s);
  const snapshots = await mapLimit([...series], DOWNLOADS_IN_PARALLEL, async (s) => ({ s, snap: await documentSnapshot(env, s) }));
  for (const { s, snap } of snapshots) {
    if (snap) staged.push({ kind: 'document', snapshot: snap });
    else {
      const m = await mappingByRemote(reader, s);
      if (m?.object_type === 'document') staged.push({ kind: 'deleted', uuid: m.object_uuid });
    }
  }
  return staged;
}

const rank = (s: Staged) => (s.kind === 'folder' ? (s.folder.kind === 'akte' ? 0 : 1) : 2);

async function getOrNull(env: SyncEnv, id: string): Promise<CmisObject | null> {
  try {
    return await env.client.getObject(id);
  } catch (err) {
    if (isCmisError(err, 'objectNotFound')) return null;
    throw err;
  }
}

/** One transaction: the staged changes (or conflicts where both sides changed) and the new token. */
async function applyStaged(env: SyncEnv, staged: Staged[], result: PullResult, from: string | null, to: string | null): Promise<void> {
  const { store, clock } = env.deps;
  await store.write(async (tx) => {
    const at = clock.now();
    for (const s of staged) {
      if (s.kind === 'folder') result.applied += (await applyFolder(tx, env, s.folder, at)) ? 1 : 0;
      else if (s.kind === 'document') await applyDocumentChange(tx, env, s.snapshot, at, result);
      else await applyDeletion(tx, env, s.uuid, at, result);
    }
    if (to !== null && !(await advanceToken(tx, from, to, env.repositoryId))) {
      throw new AppError('sync.token_backwards', {}, 'refused to move the change token backwards');
    }
  });
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

/** Runs fn over items with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
