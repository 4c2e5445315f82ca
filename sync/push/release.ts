import { isCmisError } from '../cmis/client';
import type { SyncEnv } from '../env';
import { toRemoteVersion } from '../mapping';

/**
 * Working copies of operations that ended without checking them in (a clerk's conflict decision discarded
 * the operation, or it was superseded): checked out by our DMS user, such a copy would refuse every other
 * client's next version of the document for ever (`sync.object_busy`). At the start of a cycle each is
 * cancelled (CMIS: deleting a working copy cancels the check-out), unless one of our open operations
 * still uploads into it; its session row goes with it.
 */
export async function releaseAbandonedCheckouts(env: SyncEnv): Promise<void> {
  const { store } = env.deps;
  const abandoned = await store.reader.all<{ op_id: string; pwc_id: string }>(
    `SELECT u.op_id, u.pwc_id FROM sync_upload u JOIN outbox o ON o.op_id = u.op_id
     WHERE o.state = 'done'
       AND NOT EXISTS (SELECT 1 FROM sync_upload u2 JOIN outbox o2 ON o2.op_id = u2.op_id WHERE u2.pwc_id = u.pwc_id AND o2.state <> 'done')
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

/** The object, if it still is a working copy (checked in or cancelled meanwhile: null). */
async function workingCopy(env: SyncEnv, id: string) {
  try {
    const v = toRemoteVersion(await env.client.getObject(id));
    return v.isPwc ? v : null;
  } catch (err) {
    if (isCmisError(err, 'objectNotFound')) return null;
    throw err;
  }
}
