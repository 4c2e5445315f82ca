import { isCmisError } from '../cmis/client';
import type { SyncEnv } from '../env';
import { toRemoteVersion } from '../mapping';

/**
 * Working copies of operations that ended without checking them in (a clerk's conflict decision discarded
 * the operation, or it was superseded): checked out by our DMS user, such a copy would refuse every other
 * client's next version of the document for ever (`sync.object_busy`). At the start of a cycle each is
 * cancelled (CMIS: deleting a working copy cancels the check-out), unless an open version of the same
 * document may still continue in it (a copy checked out by us is taken over by the next one); its session
 * row goes with it. A session noted before the check-out's answer names the series instead of the copy.
 */
export async function releaseAbandonedCheckouts(env: SyncEnv): Promise<void> {
  const { store } = env.deps;
  const abandoned = await store.reader.all<{ op_id: string; pwc_id: string }>(
    `SELECT u.op_id, u.pwc_id FROM sync_upload u JOIN outbox o ON o.op_id = u.op_id
     WHERE o.state = 'done'
       AND NOT EXISTS (SELECT 1 FROM outbox o2 WHERE o2.object_uuid = o.object_uuid AND o2.op = 'document.version' AND o2.state <> 'done')
     ORDER BY o.id`,
  );
  for (const { op_id, pwc_id } of abandoned) {
    const pwc = await workingCopy(env, pwc_id);
    if (pwc && (env.remoteUser === null || pwc.checkedOutBy === env.remoteUser)) {
      try {
        await env.client.deleteObject(pwc.objectId);
      } catch (err) {
        if (!isCmisError(err, 'objectNotFound')) throw err;
      }
    }
    await store.write((tx) => tx.run('DELETE FROM sync_upload WHERE op_id = ?', [op_id]));
    env.deps.logger.info('sync released an abandoned working copy', { op: op_id, cancelled: Boolean(pwc) });
  }
}

/** The working copy the id names (a copy, or a series checked out now); checked in or cancelled meanwhile: null. */
async function workingCopy(env: SyncEnv, id: string) {
  try {
    const v = toRemoteVersion(await env.client.getObject(id));
    if (v.isPwc) return v;
    // Through the series only a copy known to be ours: without our DMS user name it could be a colleague's.
    if (!v.checkedOutId || env.remoteUser === null || v.checkedOutBy !== env.remoteUser) return null;
    const pwc = toRemoteVersion(await env.client.getObject(v.checkedOutId));
    return pwc.isPwc ? pwc : null;
  } catch (err) {
    if (isCmisError(err, 'objectNotFound')) return null;
    throw err;
  }
}
