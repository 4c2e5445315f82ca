import { createHash } from 'node:crypto';
import type { SyncConfig } from './config';
import type { CmisObject, Properties } from './cmis/schemas';
import type { PropertyInput } from './cmis/client';

/**
 * The CMIS mapping (documented in sync/README.md): Akte and Vorgang are folders, a Dokument is a
 * document whose versions are CMIS versions; records metadata travels as `eakte:*` properties of
 * configurable secondary types. Pure functions: local rows in, CMIS properties out, and back.
 */
export const P = {
  uuid: 'eakte:uuid',
  opId: 'eakte:opId',
  aktenzeichen: 'eakte:aktenzeichen',
  title: 'eakte:title',
  amtId: 'eakte:amtId',
  aktenplan: 'eakte:aktenplan',
  openedAt: 'eakte:openedAt',
  status: 'eakte:status',
  zdaAt: 'eakte:zdaAt',
  createdAt: 'eakte:createdAt',
  docType: 'eakte:docType',
  sender: 'eakte:sender',
  documentDate: 'eakte:documentDate',
  versionUuid: 'eakte:versionUuid',
} as const;

export interface LocalAkte {
  uuid: string;
  aktenzeichen: string;
  title: string;
  amt_id: string;
  plan_number: string;
  opened_at: string;
  status: 'open' | 'zda';
  zda_at: string | null;
}

export interface LocalVorgang {
  uuid: string;
  aktenzeichen: string;
  title: string;
  created_at: string;
  akte_uuid: string;
}

export interface LocalDocument {
  uuid: string;
  title: string;
  doc_type: string | null;
  sender: string | null;
  document_date: string | null;
  amt_id: string | null;
  vorgang_uuid: string | null;
}

export interface LocalVersion {
  uuid: string;
  version_no: number;
  blob_hash: string;
  size: number;
  file_name: string;
  mime_type: string;
}

/** Folder and file names: no slash, nothing a DMS refuses, short enough for Windows paths. */
export const safeName = (s: string): string => s.replace(/[/\\:*?"<>|\r\n\t]+/g, '_').trim().slice(0, 120) || '_';

export const akteFolderName = (a: Pick<LocalAkte, 'aktenzeichen'>) => safeName(a.aktenzeichen);
export const vorgangFolderName = (v: Pick<LocalVorgang, 'aktenzeichen'>) => safeName(v.aktenzeichen);

export function documentName(d: Pick<LocalDocument, 'uuid' | 'title'>, fileName: string): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(fileName)?.[0] ?? '';
  return safeName(`${d.title.slice(0, 80)} (${d.uuid.slice(0, 8)})${ext}`);
}

/** On a name clash with someone else's object, the uuid makes the name unique. */
export const disambiguate = (name: string, uuid: string) => safeName(`${name} [${uuid}]`);

export function akteProperties(cfg: SyncConfig, a: LocalAkte, opId: string): PropertyInput {
  return {
    'cmis:objectTypeId': cfg.folderType,
    'cmis:secondaryObjectTypeIds': [cfg.secondaryTypes.akte],
    'cmis:name': akteFolderName(a),
    ...akteState(a),
    [P.opId]: opId,
  };
}

/** The properties a later change (zdA, reopen, title) may touch. */
export function akteState(a: LocalAkte): PropertyInput {
  return {
    [P.uuid]: a.uuid,
    [P.aktenzeichen]: a.aktenzeichen,
    [P.title]: a.title,
    [P.amtId]: a.amt_id,
    [P.aktenplan]: a.plan_number,
    [P.openedAt]: a.opened_at,
    [P.status]: a.status,
    [P.zdaAt]: a.zda_at,
  };
}

export function vorgangProperties(cfg: SyncConfig, v: LocalVorgang, opId: string): PropertyInput {
  return {
    'cmis:objectTypeId': cfg.folderType,
    'cmis:secondaryObjectTypeIds': [cfg.secondaryTypes.vorgang],
    'cmis:name': vorgangFolderName(v),
    [P.uuid]: v.uuid,
    [P.aktenzeichen]: v.aktenzeichen,
    [P.title]: v.title,
    [P.createdAt]: v.created_at,
    [P.opId]: opId,
  };
}

export function documentMetadata(d: LocalDocument): PropertyInput {
  return {
    [P.uuid]: d.uuid,
    [P.title]: d.title,
    [P.docType]: d.doc_type,
    [P.sender]: d.sender,
    [P.documentDate]: d.document_date,
    [P.amtId]: d.amt_id,
  };
}

export function documentProperties(cfg: SyncConfig, d: LocalDocument, v: LocalVersion, opId: string): PropertyInput {
  return {
    'cmis:objectTypeId': cfg.documentType,
    'cmis:secondaryObjectTypeIds': [cfg.secondaryTypes.document],
    'cmis:name': documentName(d, v.file_name),
    ...documentMetadata(d),
    [P.versionUuid]: v.uuid,
    [P.opId]: opId,
  };
}

// ---- reading remote objects ---------------------------------------------------------------------------

const str = (p: Properties, id: string): string | null => {
  const v = p[id];
  if (Array.isArray(v)) return v.length ? String(v[0]) : null;
  return v === null || v === undefined || v === '' ? null : String(v);
};

const strings = (p: Properties, id: string): string[] => {
  const v = p[id];
  return Array.isArray(v) ? v.map(String) : v === null || v === undefined ? [] : [String(v)];
};

/** A stable UUID for a DMS object that carries none (created by someone outside eAkte Desk). */
export function uuidFromRemoteId(repositoryId: string, remoteId: string): string {
  const h = createHash('sha256').update(`${repositoryId}\n${remoteId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${'89ab'[parseInt(h[16] ?? '0', 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface RemoteFolder {
  objectId: string;
  parentId: string | null;
  kind: 'akte' | 'vorgang' | 'other';
  uuid: string | null;
  changeToken: string | null;
  name: string;
  props: Properties;
}

export function toRemoteFolder(cfg: SyncConfig, o: CmisObject): RemoteFolder {
  const p = o.succinctProperties;
  const secondary = strings(p, 'cmis:secondaryObjectTypeIds');
  const kind = secondary.includes(cfg.secondaryTypes.akte) ? 'akte' : secondary.includes(cfg.secondaryTypes.vorgang) ? 'vorgang' : 'other';
  return {
    objectId: str(p, 'cmis:objectId') as string,
    parentId: str(p, 'cmis:parentId'),
    kind,
    uuid: str(p, P.uuid),
    changeToken: str(p, 'cmis:changeToken'),
    name: str(p, 'cmis:name') ?? '',
    props: p,
  };
}

export interface RemoteVersion {
  objectId: string;
  seriesId: string;
  versionUuid: string | null;
  isPwc: boolean;
  isLatest: boolean;
  versionLabel: string | null;
  changeToken: string | null;
  length: number | null;
  sha256: string | null;
  fileName: string;
  mimeType: string;
  createdAt: string;
  opId: string | null;
  /** The DMS user of the latest change: with opId it tells our own changes from a colleague's. */
  modifiedBy: string | null;
  checkedOutBy: string | null;
  checkedOutId: string | null;
  props: Properties;
}

export function toRemoteVersion(o: CmisObject): RemoteVersion {
  const p = o.succinctProperties;
  const objectId = str(p, 'cmis:objectId') as string;
  const hash = strings(p, 'cmis:contentStreamHash').find((h) => h.toLowerCase().startsWith('{sha-256}'));
  const length = p['cmis:contentStreamLength'];
  const created = p['cmis:lastModificationDate'] ?? p['cmis:creationDate'];
  return {
    objectId,
    seriesId: str(p, 'cmis:versionSeriesId') ?? objectId,
    versionUuid: str(p, P.versionUuid),
    isPwc: p['cmis:isPrivateWorkingCopy'] === true,
    isLatest: p['cmis:isLatestVersion'] !== false,
    versionLabel: str(p, 'cmis:versionLabel'),
    changeToken: str(p, 'cmis:changeToken'),
    length: typeof length === 'number' ? length : length === null || length === undefined ? null : Number(length),
    sha256: hash ? hash.slice('{sha-256}'.length).toLowerCase() : null,
    fileName: str(p, 'cmis:contentStreamFileName') ?? str(p, 'cmis:name') ?? 'dokument',
    mimeType: str(p, 'cmis:contentStreamMimeType') ?? 'application/octet-stream',
    createdAt: typeof created === 'number' ? new Date(created).toISOString() : (str(p, 'cmis:creationDate') ?? new Date(0).toISOString()),
    opId: str(p, P.opId),
    modifiedBy: str(p, 'cmis:lastModifiedBy'),
    checkedOutBy: str(p, 'cmis:versionSeriesCheckedOutBy'),
    checkedOutId: str(p, 'cmis:versionSeriesCheckedOutId'),
    props: p,
  };
}

export const isFolder = (o: CmisObject) => o.succinctProperties['cmis:baseTypeId'] === 'cmis:folder';
export const isDocument = (o: CmisObject) => o.succinctProperties['cmis:baseTypeId'] === 'cmis:document';

/** The document metadata as the DMS has it, in local column names. */
export function remoteDocumentMetadata(p: Properties): Omit<LocalDocument, 'uuid' | 'vorgang_uuid'> {
  return {
    title: str(p, P.title) ?? str(p, 'cmis:name') ?? 'Dokument',
    doc_type: str(p, P.docType),
    sender: str(p, P.sender),
    document_date: str(p, P.documentDate),
    amt_id: str(p, P.amtId),
  };
}

export const remoteString = str;
