import path from 'node:path';
import { AppError } from '../../../contract/app-error';
import type { MethodOutput } from '../../../contract/methods';
import { appendAudit } from '../../../core/audit/index';
import type { CallCtx } from '../../../core/records/context';
import { sha256 } from '../../../core/store/blobs/blob-store';
import { readReceivedMessage, type MessageSourceInput } from '../../aussonderung/message-source';
import { readValidatedMessage } from '../../xdomea/index';

/**
 * Records the archive's own 0502 (Bewertungsverzeichnis) of a ProzessID, against which a later 0503 is
 * compared; a corrected 0502 replaces the earlier one.
 */
export async function recordAppraisal(
  ctx: CallCtx,
  source: MessageSourceInput,
): Promise<MethodOutput<'archiv.recordAppraisal'>> {
  const received = await readReceivedMessage(source, path.join(ctx.store.dataDir, 'archiv', 'tmp'));
  const { message } = await readValidatedMessage(received.xml);
  if (message.type !== '0502')
    throw new AppError('archiv.not_appraisal', { actual: message.type }, `got a ${message.type}`);
  const prozessId = message.header.prozessId.toLowerCase();
  const xml = received.xml.toString('utf8');
  await ctx.store.write(async (tx) => {
    await tx.run(
      'INSERT OR REPLACE INTO archiv_appraisal (prozess_id, sha256, xml, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)',
      [prozessId, sha256(received.xml), xml, ctx.clock.now().toISOString(), ctx.caller.username],
    );
    await appendAudit(tx, ctx.clock.now(), {
      actor: ctx.caller.username,
      action: 'archiv.appraisal_recorded',
      objectType: 'archiv_appraisal',
      objectUuid: prozessId,
      amtId: null,
      details: { appraisals: message.appraisals.length },
    });
  });
  return { prozessId, appraisals: message.appraisals.length };
}
