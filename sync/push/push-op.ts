import { AppError } from '../../contract/app-error';
import { isCmisError, type PropertyInput } from '../cmis/client';
import type { CmisObject } from '../cmis/schemas';
import { recordConflict, type ConflictKind } from '../conflicts/record';
import type { SyncEnv } from '../env';
import { loadAkte, loadDocument, loadVersion, loadVersions, loadVorgang } from '../local/records';
import {
  akteProperties,
  akteState,
  disambiguate,
  documentMetadata,
  documentProperties,
  P,
  remoteString,
  toRemoteFolder,
  toRemoteVersion,
  vorgangProperties,
  type RemoteVersion,
} from '../mapping';
import type { OutboxOp, Outcome } from '../outbox';
import { dropMapping, isOwnChange, mappingOf, saveMapping } from '../state';
import { saveSession, uploadContent } from './upload';

/**
 * Pushes one outbox operation so that replaying it any number of times has the effect of once:
 * objects are found by their `eakte:uuid`, versions by `eakte:versionUuid`, property changes by the
 * `eakte:opId` they leave behind. When the DMS object changed since the last sync and not through us,
 * the operation stops as a conflict instead of overwriting.
 */
export type PushResult = { kind: 'done'; outcome: Outcome } | { kind: 'conflict' } | { kind: 'waiting' };

const done = (outcome: Outcome): PushResult => ({ kind: 'done', outcome });

export async function pushOp(env: SyncEnv, op: OutboxOp): Promise<PushResult> {
  const payload = JSON.parse(op.payload) as Record<string, unknown>;
  switch (op.op) {
    case 'akte.create':
      return (await ensureAkte(env, op.object_uuid, op.op_id)) ? done('applied') : done('superseded');
    case 'vorgang.create':
      return (await ensureVorgang(env, op.object_uuid, op.op_id)) ? done('applied') : done('superseded');
    case 'akte.zda':
    case 'akte.reopen':
      return pushAkteState(env, op);
    case 'document.create':
      return pushDocumentCreate(env, op);
    case 'document.version':
      return pushVersion(env, op, String(payload.versionUuid));
    case 'document.update':
    case 'document.move':
      return pushDocumentChange(env, op);
    case 'document.delete':
      return pushDelete(env, op);
    default:
      return done('not_synced');
  }
}

async function findByUuid(env: SyncEnv, baseType: 'cmis:folder' | 'cmis:document', uuid: string): Promise<CmisObject | null> {
  const r = await env.client.query(`SELECT * FROM ${baseType} WHERE ${P.uuid} = '${uuid.replace(/'/g, "''")}'`, 0, 10);
  // A checked-in document before a working copy (which repositories may list when PWCs are searchable).
  return r.results.find((o) => o.succinctProperties['cmis:isPrivateWorkingCopy'] !== true) ?? r.results[0] ?? null;
}

/** Creates a folder once: a replay finds it by uuid; a foreign folder of the same name makes ours unique. */
async function createFolderOnce(env: SyncEnv, parentId: string, uuid: string, props: PropertyInput): Promise<CmisObject> {
  const existing = await findByUuid(env, 'cmis:folder', uuid);
  if (existing) return existing;
  try {
    return await env.client.createFolder(parentId, props);
  } catch (err) {
    if (isCmisError(err, 'constraint', 'contentAlreadyExists')) {
      const again = await findByUuid(env, 'cmis:folder', uuid);
      if (again) return again;
    }
    if (isCmisError(err, 'nameConstraintViolation')) {
      return env.client.createFolder(parentId, { ...props, 'cmis:name': disambiguate(String(props['cmis:name']), uuid) });
    }
    throw err;
  }
}

export async function ensureAkte(env: SyncEnv, uuid: string, opId: string): Promise<string | null> {
  const { store, clock } = env.deps;
  const mapped = await mappingOf(store.reader, uuid);
  if (mapped) return mapped.remote_id;
  const akte = await loadAkte(store.reader, uuid);
  if (!akte) return null;
  const folder = toRemoteFolder(env.config, await createFolderOnce(env, env.folders.root, uuid, akteProperties(env.config, akte, opId)));
  await store.write((tx) =>
    saveMapping(tx, { object_uuid: uuid, object_type: 'akte', remote_id: folder.objectId, remote_change_token: folder.changeToken, remote_version_id: null }, clock.now()),
  );
  return folder.objectId;
}

export async function ensureVorgang(env: SyncEnv, uuid: string, opId: string): Promise<string | null> {
  const { store, clock } = env.deps;
  const mapped = await mappingOf(store.reader, uuid);
  if (mapped) return mapped.remote_id;
  const vorgang = await loadVorgang(store.reader, uuid);
  if (!vorgang) return null;
  const parent = await ensureAkte(env, vorgang.akte_uuid, opId);
  if (!parent) return null;
  const folder = toRemoteFolder(env.config, await createFolderOnce(env, parent, uuid, vorgangProperties(env.config, vorgang, opId)));
  await store.write((tx) =>
    saveMapping(tx, { object_uuid: uuid, object_type: 'vorgang', remote_id: folder.objectId, remote_change_token: folder.changeToken, remote_version_id: null }, clock.now()),
  );
  return folder.objectId;
}

async function pushAkteState(env: SyncEnv, op: OutboxOp): Promise<PushResult> {
  const { store } = env.deps;
  const akte = await loadAkte(store.reader, op.object_uuid);
  if (!akte) return done('superseded');
  const remoteId = await ensureAkte(env, akte.uuid, op.op_id);
  const mapping = await mappingOf(store.reader, akte.uuid);
  if (!remoteId || !mapping) return done('superseded');
  const remote = toRemoteFolder(env.config, await env.client.getObject(remoteId));
  if (remoteString(remote.props, P.opId) === op.op_id) return saveFolderToken(env, akte.uuid, 'akte', remote.objectId, remote.changeToken, 'already_applied');
  const wanted = akteState(akte);
  const same = Object.entries(wanted).every(([k, v]) => (remoteString(remote.props, k) ?? null) === (v ?? null));
  if (same) return saveFolderToken(env, akte.uuid, 'akte', remote.objectId, remote.changeToken, 'already_applied');
  const updated = toRemoteFolder(env.config, await env.client.updateProperties(remoteId, { ...wanted, [P.opId]: op.op_id }, remote.changeToken));
  return saveFolderToken(env, akte.uuid, 'akte', updated.objectId, updated.changeToken, 'applied');
}

async function saveFolderToken(env: SyncEnv, uuid: string, type: 'akte' | 'vorgang', remoteId: string, token: string | null, outcome: Outcome) {
  await env.deps.store.write((tx) =>
    saveMapping(tx, { object_uuid: uuid, object_type: type, remote_id: remoteId, remote_change_token: token, remote_version_id: null }, env.deps.clock.now()),
  );
  return done(outcome);
}

async function documentParent(env: SyncEnv, vorgangUuid: string | null, opId: string): Promise<string | null> {
  return vorgangUuid ? ensureVorgang(env, vorgangUuid, opId) : env.folders.posteingang;
}

async function saveDocumentMapping(env: SyncEnv, uuid: string, v: RemoteVersion): Promise<void> {
  await env.deps.store.write((tx) =>
    saveMapping(tx, { object_uuid: uuid, object_type: 'document', remote_id: v.seriesId, remote_change_token: v.changeToken, remote_version_id: v.objectId }, env.deps.clock.now()),
  );
}

/** A working copy this client may continue: checked out by our DMS user. */
function ownWorkingCopy(env: SyncEnv, v: RemoteVersion): string | null {
  if (!v.checkedOutId) return null;
  if (env.remoteUser !== null && v.checkedOutBy !== env.remoteUser) throw new AppError('sync.object_busy', {}, 'document checked out by another user');
  return v.checkedOutId;
}

async function pushDocumentCreate(env: SyncEnv, op: OutboxOp): Promise<PushResult> {
  const { store } = env.deps;
  if (await mappingOf(store.reader, op.object_uuid)) return done('already_applied');
  const doc = await loadDocument(store.reader, op.object_uuid);
  if (!doc) return done('superseded');
  const first = (await loadVersions(store.reader, doc.id))[0];
  if (!first) return done('superseded');
  const parent = await documentParent(env, doc.vorgang_uuid, op.op_id);
  if (!parent) return { kind: 'waiting' };
  const props = documentProperties(env.config, doc, first, op.op_id);

  let found = await findByUuid(env, 'cmis:document', doc.uuid);
  let pwcId: string;
  if (found) {
    const v = toRemoteVersion(found);
    if (!v.isPwc) {
      // The series exists: a replay. Later local versions follow as their own operations.
      await saveDocumentMapping(env, doc.uuid, v);
      return done('already_applied');
    }
    pwcId = ownWorkingCopy(env, v) ?? v.objectId;
  } else {
    try {
      found = await env.client.createDocument(parent, props, 'checkedout');
    } catch (err) {
      if (isCmisError(err, 'constraint', 'contentAlreadyExists')) return { kind: 'waiting' }; // a duplicate delivery won; look again next round
      if (!isCmisError(err, 'nameConstraintViolation')) throw err;
      found = await env.client.createDocument(parent, { ...props, 'cmis:name': disambiguate(String(props['cmis:name']), doc.uuid) }, 'checkedout');
    }
    pwcId = toRemoteVersion(found).objectId;
  }
  const pwc = await uploadContent(env, { opId: op.op_id, pwcId, phase: 'uploading', base: null }, {
    hash: first.blob_hash,
    size: first.size,
    fileName: first.file_name,
    mimeType: first.mime_type,
  });
  const version = await checkInVerified(env, pwc, { [P.versionUuid]: first.uuid, [P.opId]: op.op_id }, first.blob_hash);
  await saveDocumentMapping(env, doc.uuid, version);
  return done('applied');
}

async function checkInVerified(env: SyncEnv, pwc: RemoteVersion, props: PropertyInput, sha256: string): Promise<RemoteVersion> {
  const version = toRemoteVersion(await env.client.checkIn(pwc.objectId, props, pwc.changeToken));
  if (version.sha256 && version.sha256 !== sha256) {
    await env.client.deleteObject(version.objectId).catch(() => undefined);
    throw new AppError('sync.upload_mismatch', {}, 'content hash differs after check-in');
  }
  return version;
}

/** The DMS's latest version, or null when the document is gone there. */
async function latestVersion(env: SyncEnv, seriesId: string): Promise<RemoteVersion | null> {
  try {
    return toRemoteVersion(await env.client.getObject(seriesId, { latest: true }));
  } catch (err) {
    if (isCmisError(err, 'objectNotFound')) return null;
    throw err;
  }
}

/** Changed on the DMS since our last sync, by someone else? */
async function changedByOthers(env: SyncEnv, latest: RemoteVersion, knownToken: string | null): Promise<boolean> {
  if (latest.changeToken === knownToken) return false;
  return !(await isOwnChange(env.deps.store.reader, latest, env.remoteUser));
}

async function conflict(env: SyncEnv, op: OutboxOp, kind: ConflictKind, remote: RemoteVersion | null): Promise<PushResult> {
  await recordConflict(env, { objectType: op.object_type, objectUuid: op.object_uuid, kind, remote });
  return { kind: 'conflict' };
}

async function pushVersion(env: SyncEnv, op: OutboxOp, versionUuid: string): Promise<PushResult> {
  const { store } = env.deps;
  const local = await loadVersion(store.reader, versionUuid);
  if (!local) return done('superseded');
  const mapping = await mappingOf(store.reader, op.object_uuid);
  if (!mapping) return { kind: 'waiting' };
  const latest = await latestVersion(env, mapping.remote_id);
  if (!latest) return conflict(env, op, 'local_edit_remote_delete', null);
  const all = (await env.client.versions(mapping.remote_id)).map(toRemoteVersion);
  const landed = all.find((v) => !v.isPwc && v.versionUuid === versionUuid);
  if (landed) {
    await saveDocumentMapping(env, op.object_uuid, latest);
    return done('already_applied');
  }
  const session = await store.reader.get<{ pwc_id: string; phase: 'checked_out' | 'uploading'; base_change_token: string | null }>(
    'SELECT pwc_id, phase, base_change_token FROM sync_upload WHERE op_id = ?',
    [op.op_id],
  );
  const resumed = session && session.pwc_id === latest.checkedOutId ? session : null;
  // Our last synced state, or in our own copy the state right after our check-out: a DMS may change the
  // checked-in version by checking it out (Alfresco adds the lock), which is no colleague's edit.
  const unchanged =
    !(await changedByOthers(env, latest, mapping.remote_change_token)) ||
    (resumed?.base_change_token != null && !(await changedByOthers(env, latest, resumed.base_change_token)));
  if (!unchanged) return conflict(env, op, 'edit_edit', latest);
  const blob = { hash: local.blob_hash, size: local.size, fileName: local.file_name, mimeType: local.mime_type };
  let pwcId = ownWorkingCopy(env, latest);
  let phase: 'checked_out' | 'uploading' = resumed ? resumed.phase : 'checked_out';
  let base = latest.changeToken;
  if (!pwcId) {
    // Noted under the series before asking: should the answer be lost and a decision end the operation
    // before its next attempt, release.ts still finds the copy through the series and cancels it.
    await saveSession(env, { opId: op.op_id, pwcId: mapping.remote_id, phase: 'checked_out', base: null }, blob, null);
    pwcId = await checkOut(env, latest);
    phase = 'checked_out';
    const after = await latestVersion(env, mapping.remote_id);
    if (!after) return conflict(env, op, 'local_edit_remote_delete', null);
    base = after.changeToken;
  }
  const pwc = await uploadContent(env, { opId: op.op_id, pwcId, phase, base }, blob);
  // The check-in carries the local metadata and makes the new version from the copy's properties, so a
  // colleague's change since our base (e.g. while the upload ran or waited to be resumed) would be lost
  // without a trace: it is a conflict the clerk decides, as when it came before the check-out.
  const current = await latestVersion(env, mapping.remote_id);
  if (!current) return conflict(env, op, 'local_edit_remote_delete', null);
  if (await changedByOthers(env, current, base)) return conflict(env, op, 'edit_edit', current);
  const doc = await loadDocument(store.reader, op.object_uuid);
  const metadata = doc ? documentMetadata(doc) : {};
  const version = await checkInVerified(env, pwc, { ...metadata, [P.versionUuid]: versionUuid, [P.opId]: op.op_id }, local.blob_hash);
  await saveDocumentMapping(env, op.object_uuid, version);
  return done('applied');
}

/**
 * Checks the document out. When our own request got there first (a duplicated delivery, whose second
 * answer refuses it), that working copy is ours: taken now, so it is never left without a session.
 */
async function checkOut(env: SyncEnv, latest: RemoteVersion): Promise<string> {
  try {
    return toRemoteVersion(await env.client.checkOut(latest.objectId)).objectId;
  } catch (err) {
    if (!isCmisError(err, 'versioning')) throw err;
    const again = await latestVersion(env, latest.seriesId);
    const own = again ? ownWorkingCopy(env, again) : null;
    if (!own) throw err;
    return own;
  }
}

async function pushDocumentChange(env: SyncEnv, op: OutboxOp): Promise<PushResult> {
  const { store } = env.deps;
  const doc = await loadDocument(store.reader, op.object_uuid);
  if (!doc) return done('superseded');
  const mapping = await mappingOf(store.reader, doc.uuid);
  if (!mapping) return { kind: 'waiting' };
  const latest = await latestVersion(env, mapping.remote_id);
  if (!latest) return conflict(env, op, 'local_edit_remote_delete', null);
  const target = await documentParent(env, doc.vorgang_uuid, op.op_id);
  if (!target) return { kind: 'waiting' };
  const wanted = documentMetadata(doc);
  const currentParent = await env.client.parentId(latest.objectId);
  const propsSame = Object.entries(wanted).every(([k, v]) => (remoteString(latest.props, k) ?? null) === (v ?? null));
  if (propsSame && currentParent === target) {
    await saveDocumentMapping(env, doc.uuid, latest);
    return done('already_applied');
  }
  if (latest.opId !== op.op_id && (await changedByOthers(env, latest, mapping.remote_change_token))) return conflict(env, op, 'edit_edit', latest);
  let current = latest;
  if (!propsSame || latest.opId !== op.op_id) {
    current = toRemoteVersion(await env.client.updateProperties(latest.objectId, { ...wanted, [P.opId]: op.op_id }, latest.changeToken));
  }
  if (currentParent && currentParent !== target) current = toRemoteVersion(await env.client.move(current.objectId, target, currentParent));
  await saveDocumentMapping(env, doc.uuid, current);
  return done('applied');
}

async function pushDelete(env: SyncEnv, op: OutboxOp): Promise<PushResult> {
  const { store } = env.deps;
  const mapping = await mappingOf(store.reader, op.object_uuid);
  if (!mapping) return done('superseded');
  const latest = await latestVersion(env, mapping.remote_id);
  if (latest && (await changedByOthers(env, latest, mapping.remote_change_token))) {
    if (await recordConflict(env, { objectType: op.object_type, objectUuid: op.object_uuid, kind: 'local_delete_remote_edit', remote: latest })) return { kind: 'conflict' };
    // Gone from our Akten on the DMS too since we looked: both sides agree, nothing to send.
    await store.write((tx) => dropMapping(tx, op.object_uuid));
    return done('already_applied');
  }
  if (latest) {
    try {
      await env.client.deleteObject(latest.objectId);
    } catch (err) {
      if (!isCmisError(err, 'objectNotFound')) throw err;
    }
  }
  await store.write((tx) => dropMapping(tx, op.object_uuid));
  return done(latest ? 'applied' : 'already_applied');
}
