import type { IntakeDocumentResult } from '../../../contract/methods/intake';
import type { CommitStage } from '../../../core/jobs';
import { mayWriteAmt, type Caller } from '../../../core/access';
import type { IdGenerator } from '../../../core/platform/ids';
import type { CoreDeps } from '../../../core/records/context';
import { createIncomingDocument } from '../../../core/records/documents';
import { resolveCaller } from '../../../core/records/users';
import type { Queryable, WriteTx } from '../../../core/store/db';
import type { Assembled } from '../model';
import { scanProtocol } from '../scan-protocol';

/** The ids a document job fixes at creation, in the order createIncomingDocument asks for them. */
export const DOCUMENT_IDENTITIES = ['documentUuid', 'posteingangItemUuid', 'versionUuid'] as const;

/** Hands out the job's planned ids first, then fresh ones (outbox operation ids). */
function plannedIds(planned: readonly string[], fallback: IdGenerator): IdGenerator {
  const queue = [...planned];
  return { uuid: () => queue.shift() ?? fallback.uuid() };
}

interface Target {
  vorgangUuid?: string;
  amtId: string | null;
}

/**
 * Where a document with a pre-assigned Aktenzeichen goes: straight into the Vorgang when the caller may
 * write there (a clerk), otherwise into the owning Amt's Posteingang (the post room cannot file).
 */
async function targetFor(
  q: Queryable,
  caller: Caller,
  aktenzeichen: string | null,
  amtId: string | null,
): Promise<Target> {
  if (!aktenzeichen) return { amtId };
  const row =
    (await q.get<{ vorgang_uuid: string | null; amt_id: string; status: string }>(
      `SELECT v.uuid AS vorgang_uuid, a.amt_id, a.status FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE v.aktenzeichen = ?`,
      [aktenzeichen],
    )) ??
    (await q.get<{ vorgang_uuid: string | null; amt_id: string; status: string }>(
      `SELECT CASE WHEN (SELECT count(*) FROM vorgang WHERE akte_id = a.id) = 1
                   THEN (SELECT uuid FROM vorgang WHERE akte_id = a.id) END AS vorgang_uuid, a.amt_id, a.status
       FROM akte a WHERE a.aktenzeichen = ?`,
      [aktenzeichen],
    ));
  if (!row) return { amtId };
  if (row.vorgang_uuid && row.status === 'open' && mayWriteAmt(caller, row.amt_id))
    return { vorgangUuid: row.vorgang_uuid, amtId: row.amt_id };
  return { amtId: row.amt_id };
}

async function callerOf(tx: WriteTx, userId: number | null): Promise<Caller> {
  const user =
    userId === null
      ? undefined
      : await tx.get<{ username: string }>('SELECT username FROM app_user WHERE id = ?', [userId]);
  if (!user) throw new Error(`intake job without a known creator (${userId})`);
  return resolveCaller(tx, user.username);
}

/**
 * The only stage that changes records: creates the incoming document (Posteingang item, version, text for
 * the full-text index, audit and outbox) with the ids chosen when the job was created, and stores the
 * word boxes beside the version. It runs in the transaction that marks the job done; a document that
 * already exists under the planned id is not created again.
 */
export const commitStage = (deps: CoreDeps): CommitStage<Assembled, IntakeDocumentResult> => ({
  kind: 'commit',
  name: 'commit',
  async commit(a, ctx) {
    const { tx, job } = ctx;
    const ids = DOCUMENT_IDENTITIES.map((name) => {
      const id = job.identities[name];
      if (!id) throw new Error(`job ${job.uuid} has no ${name}`);
      return id;
    });
    const [documentUuid, , versionUuid] = ids as [string, string, string];
    const { source } = a.state;
    const exists = await tx.get<{ id: number }>('SELECT id FROM document WHERE uuid = ?', [documentUuid]);
    if (!exists) {
      const caller = await callerOf(tx, job.createdBy);
      const target = await targetFor(tx, caller, a.state.aktenzeichen, source.options.amtId);
      const created = await createIncomingDocument(
        tx,
        { ...deps, ids: plannedIds(ids, deps.ids), caller },
        {
          posteingang: {
            channel: source.posteingang.channel,
            sender: source.posteingang.sender,
            receivedAt: source.posteingang.receivedAt,
            scanProtocol: scanProtocol(a, ctx.clock.now()),
          },
          title: a.title,
          sender: source.posteingang.sender,
          amtId: target.amtId,
          file: {
            blob: { hash: a.file.hash, size: a.file.size },
            fileName: a.file.fileName,
            mimeType: a.file.mimeType,
          },
          text: a.text,
          ...(target.vorgangUuid ? { vorgangUuid: target.vorgangUuid } : {}),
        },
      );
      if (created.uuid !== documentUuid)
        throw new Error('createIncomingDocument did not use the planned document id');
      if (a.words) {
        await tx.run('INSERT OR IGNORE INTO blob (hash, size, created_at) VALUES (?, ?, ?)', [
          a.words.hash,
          a.words.size,
          ctx.clock.now().toISOString(),
        ]);
        const { changes } = await tx.run(
          `INSERT OR IGNORE INTO document_version_sidecar (version_id, kind, blob_hash)
           SELECT id, 'ocr-words', ? FROM document_version WHERE uuid = ?`,
          [a.words.hash, versionUuid],
        );
        if (changes !== 1) throw new Error('createIncomingDocument did not use the planned version id');
      }
    }
    return {
      documentUuid,
      versionUuid,
      sha256: a.file.hash,
      title: a.title,
      pages: a.state.pageCount,
      blankPagesRemoved: [...a.state.blankPagesRemoved],
      ocr: {
        performed: a.ocr.performed,
        skippedReason: a.ocr.performed
          ? null
          : a.state.mode === 'file'
            ? 'not_an_image'
            : a.state.mode === 'keep-pdf'
              ? 'text_layer'
              : null,
        pagesRecognized: a.ocr.pagesRecognized,
        meanConfidence: a.ocr.meanConfidence,
      },
      textLength: a.text.length,
      aktenzeichen: a.state.aktenzeichen,
      mimeType: a.file.mimeType,
    };
  },
});
