import { AppError } from '../../contract/app-error';
import type { BlobBatch, BlobStore } from '../../core/store/blobs/blob-store';
import { isCmisError } from '../cmis/client';
import type { CmisObject } from '../cmis/schemas';
import type { SyncEnv } from '../env';
import type { RemoteDocumentState, RemoteVersionState } from '../local/records';
import { remoteDocumentMetadata, remoteString, toRemoteVersion, uuidFromRemoteId, P, type RemoteVersion } from '../mapping';
import { mappingByRemote } from '../state';

/**
 * A document as the DMS has it right now: metadata, the Vorgang it lies in, and every version with its
 * content already in the local blob store (downloaded and checked against length and SHA-256). Built
 * before any local write, so applying it is one short transaction.
 */
export interface DocumentSnapshot extends RemoteDocumentState {
  seriesId: string;
  latestVersionId: string;
  changeToken: string | null;
  opId: string | null;
  modifiedBy: string | null;
}

/** Where downloaded contents go: the blob store (durable each), or a batch the caller commits before applying. */
export type BlobSink = Pick<BlobStore | BlobBatch, 'putStream'>;

/**
 * Look-ups a snapshot needs from the local store, memoised per folder for a pull that reads many documents
 * of few folders (the initial sync), and with the series the store already maps loaded once.
 */
export class PullLookups {
  private readonly places = new Map<string, Promise<string | null | undefined>>();

  /**
   * @param storedBlobs the blob store's files listed once (initial sync): a hash missing there is downloaded
   *   without a look at the disk (two stats each were an eighth of the busy main thread); a listed one is
   *   still checked, since it may have gone since. A blob stored meanwhile by someone else is downloaded
   *   again and then dropped by the store.
   */
  constructor(
    private readonly env: SyncEnv,
    private readonly knownSeries?: ReadonlyMap<string, string>,
    private readonly storedBlobs?: ReadonlySet<string>,
  ) {}

  /** Whether the store holds this content already (then it is not downloaded). */
  hasBlob(hash: string): Promise<boolean> {
    if (this.storedBlobs && !this.storedBlobs.has(hash)) return Promise.resolve(false);
    return this.env.deps.store.blobs.has(hash);
  }

  /** The local Vorgang for documents in a DMS folder: null for the Posteingang, undefined outside our Akten. */
  vorgangIn(parentId: string | null): Promise<string | null | undefined> {
    if (!parentId) return Promise.resolve(undefined);
    let place = this.places.get(parentId);
    if (!place) {
      place = parentId === this.env.folders.posteingang ? Promise.resolve(null) : mappingByRemote(this.env.deps.store.reader, parentId).then((m) => vorgangFor(this.env, m));
      this.places.set(parentId, place);
    }
    return place;
  }

  async uuidOfSeries(seriesId: string): Promise<string | undefined> {
    if (this.knownSeries) return this.knownSeries.get(seriesId);
    return (await mappingByRemote(this.env.deps.store.reader, seriesId))?.object_uuid;
  }
}

export async function documentSnapshot(
  env: SyncEnv,
  seriesId: string,
  opts: { known?: { latest: CmisObject; parentId: string | null }; sink?: BlobSink; lookups?: PullLookups } = {},
): Promise<DocumentSnapshot | null> {
  const { known, sink = env.deps.store.blobs, lookups = new PullLookups(env) } = opts;
  let latest: RemoteVersion;
  try {
    latest = toRemoteVersion(known?.latest ?? (await env.client.getObject(seriesId, { latest: true })));
  } catch (err) {
    if (isCmisError(err, 'objectNotFound')) return null;
    throw err;
  }
  if (latest.isPwc) return null; // never checked in: not a document yet
  const parentId = known ? known.parentId : await env.client.parentId(latest.objectId);
  const vorgangUuid = await lookups.vorgangIn(parentId);
  if (vorgangUuid === undefined) return null; // outside the Akten this client keeps
  const history =
    latest.versionLabel === '1.0'
      ? [latest]
      : (await env.client.versions(latest.seriesId)).map(toRemoteVersion).filter((v) => !v.isPwc).reverse();
  const versions: RemoteVersionState[] = [];
  for (const v of history) versions.push(await downloadVersion(env, v, sink, lookups));
  const uuid = (await lookups.uuidOfSeries(latest.seriesId)) ?? remoteString(latest.props, P.uuid) ?? uuidFromRemoteId(env.repositoryId, latest.seriesId);
  return {
    uuid,
    ...remoteDocumentMetadata(latest.props),
    vorgangUuid,
    versions,
    seriesId: latest.seriesId,
    latestVersionId: latest.objectId,
    changeToken: latest.changeToken,
    opId: latest.opId,
    modifiedBy: latest.modifiedBy,
  };
}

/** The local Vorgang for a DMS folder: a Vorgang itself, or the first Vorgang of an Akte folder. */
async function vorgangFor(env: SyncEnv, parent: { object_uuid: string; object_type: string } | undefined): Promise<string | null | undefined> {
  if (!parent) return undefined;
  if (parent.object_type === 'vorgang') return parent.object_uuid;
  if (parent.object_type === 'akte') {
    const first = await env.deps.store.reader.get<{ uuid: string }>(
      'SELECT v.uuid FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE a.uuid = ? ORDER BY v.running_no LIMIT 1',
      [parent.object_uuid],
    );
    return first?.uuid;
  }
  return undefined;
}

async function downloadVersion(env: SyncEnv, v: RemoteVersion, sink: BlobSink, lookups: PullLookups): Promise<RemoteVersionState> {
  const versionUuid = v.versionUuid ?? uuidFromRemoteId(env.repositoryId, v.objectId);
  const base = { uuid: versionUuid, fileName: v.fileName, mimeType: v.mimeType, createdAt: v.createdAt };
  if (v.sha256 && v.length !== null && (await lookups.hasBlob(v.sha256))) return { ...base, sha256: v.sha256, size: v.length };
  const res = await env.client.content(v.objectId);
  let ref;
  try {
    ref = await sink.putStream(res);
  } catch (err) {
    // Abandoned: the abort error the stream then emits is expected, and the blob store's own error is the one to report.
    res.on('error', () => undefined).destroy();
    if (err instanceof AppError) throw err;
    throw new AppError('sync.server_unreachable', {}, 'content download interrupted', { cause: err });
  }
  if ((v.length !== null && ref.size !== v.length) || (v.sha256 && ref.hash !== v.sha256)) {
    throw new AppError('sync.bad_response', { detail: 'Inhalt unvollständig oder verändert' }, `content of ${v.objectId} does not match its length or hash`);
  }
  return { ...base, sha256: ref.hash, size: ref.size };
}
