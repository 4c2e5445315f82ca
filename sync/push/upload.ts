import { AppError } from '../../contract/app-error';
import { isCmisError } from '../cmis/client';
import type { SyncEnv } from '../env';
import { toRemoteVersion, type RemoteVersion } from '../mapping';

/**
 * Sends a blob into a private working copy in chunks (CMIS 1.1 appendContentStream). Before every
 * chunk the server says how many bytes it has, so after a cut connection, a restart of either side or a
 * killed app the upload goes on from there. Each append carries the working copy's change token: a
 * duplicated delivery is refused instead of appending the same bytes twice.
 */
export interface UploadSession {
  opId: string;
  pwcId: string;
  /** checked_out: the copy still holds the previous version's bytes, which must go first. */
  phase: 'checked_out' | 'uploading';
  /** A new version's: the DMS's change token of the version right after our check-out (pre-check-in conflict base). */
  base: string | null;
}

type UploadBlob = { hash: string; size: number; fileName: string; mimeType: string };

/** Remembers an upload across restarts; `bytes` null keeps the count already there. */
export async function saveSession(env: SyncEnv, session: UploadSession, blob: UploadBlob, bytes: number | null): Promise<void> {
  const now = env.deps.clock.now().toISOString();
  await env.deps.store.write((tx) =>
    tx.run(
      `INSERT INTO sync_upload (op_id, pwc_id, phase, base_change_token, sha256, size, bytes_sent, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)
       ON CONFLICT (op_id) DO UPDATE SET pwc_id = excluded.pwc_id, phase = excluded.phase, base_change_token = excluded.base_change_token,
         bytes_sent = COALESCE(?, bytes_sent), updated_at = excluded.updated_at`,
      [session.opId, session.pwcId, session.phase, session.base, blob.hash, blob.size, now, now, bytes],
    ),
  );
}

export async function uploadContent(
  env: SyncEnv,
  session: UploadSession,
  blob: UploadBlob,
): Promise<RemoteVersion> {
  const { client } = env;
  const persist = (phase: UploadSession['phase'], bytes: number | null) => saveSession(env, { ...session, phase }, blob, bytes);
  await persist(session.phase, null);

  let pwc = toRemoteVersion(await client.getObject(session.pwcId));
  if (session.phase === 'checked_out') {
    pwc = toRemoteVersion(await client.deleteContent(pwc.objectId, pwc.changeToken));
    await persist('uploading', 0);
  }
  for (let guard = 0; ; guard++) {
    if (guard > 10 + 4 * Math.ceil(blob.size / env.config.chunkSize)) {
      throw new AppError('sync.upload_mismatch', {}, 'upload makes no progress');
    }
    const have = pwc.length ?? 0;
    if (have === blob.size && (blob.size > 0 || guard > 0)) return pwc;
    if (have > blob.size) {
      // Only a server that ignores change tokens can get here; start the content over.
      env.deps.logger.warn('upload longer than its file, restarting', { op: session.opId, have, size: blob.size });
      pwc = toRemoteVersion(await client.deleteContent(pwc.objectId, pwc.changeToken));
      continue;
    }
    const length = Math.min(env.config.chunkSize, blob.size - have);
    // Through the blob store: blobs may be sealed at rest (blob-cipher.ts).
    const chunk = await env.deps.store.blobs.readRange(blob.hash, have, length);
    try {
      pwc = toRemoteVersion(
        await client.appendContent(pwc.objectId, { bytes: chunk, fileName: blob.fileName, mimeType: blob.mimeType }, have + length === blob.size, pwc.changeToken),
      );
      await persist('uploading', have + length);
    } catch (err) {
      // A stale token means the server moved on (our own earlier delivery): ask where it stands.
      if (!isCmisError(err, 'updateConflict')) throw err;
      pwc = toRemoteVersion(await client.getObject(session.pwcId));
    }
  }
}
