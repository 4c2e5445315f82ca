import { AppError } from '../../contract/app-error';
import { akteVisibility } from '../../core/access/index';
import { isRetentionExpired, retentionExpiresOn } from '../../core/domain/retention';
import { localDate } from '../../core/platform/clock';
import { recordChange } from '../../core/records/change';
import type { CallCtx } from '../../core/records/context';
import type { Queryable } from '../../core/store/store';
import { messageFileName, writeValidatedMessage, type OfferMessage } from '../xdomea/index';
import { loadAkten, type AkteRecord } from './akte-records';
import { auditAussonderung } from './audit';
import { outputDirectory, writeFileAtomically, type WrittenFile } from './output-files';
import { loadParties } from './parties';
import { activeProzessOf, saveMessage } from './repository';
import { messageHeader, offerObject } from './xdomea-mapping';

/** Why an Akte cannot be offered now, or null; pure. */
export function offerRefusal(akte: AkteRecord, amtId: string, today: string, activeProzess: string | null): AppError | null {
  const { aktenzeichen } = akte;
  if (akte.amtId !== amtId) return new AppError('aussonderung.wrong_amt', { aktenzeichen, amtId }, 'akte of another amt');
  if (akte.status !== 'zda' || !akte.zdaAt) return new AppError('aussonderung.not_zda', { aktenzeichen }, 'akte not zda');
  if (akte.retentionYears === null) return new AppError('aussonderung.no_retention', { aktenzeichen }, 'no retention period');
  if (!isRetentionExpired(akte.zdaAt, akte.retentionYears, today)) {
    const expiresOn = retentionExpiresOn(akte.zdaAt, akte.retentionYears);
    return new AppError('aussonderung.not_expired', { aktenzeichen, expiresOn }, 'retention not expired');
  }
  if (akte.legalHold) return new AppError('aussonderung.legal_hold', { aktenzeichen, reason: akte.legalHold }, 'legal hold');
  if (activeProzess) {
    return new AppError('aussonderung.already_offered', { aktenzeichen, prozessId: activeProzess }, 'akte in another aussonderung');
  }
  return null;
}

/** Loads the selected Akten and refuses the whole selection if one of them may not be offered. */
async function checkedSelection(q: Queryable, ctx: CallCtx, amtId: string, uuids: readonly string[], today: string): Promise<AkteRecord[]> {
  const vis = akteVisibility(ctx.caller);
  const akten = await loadAkten(q, uuids);
  for (const uuid of uuids) {
    const akte = akten.find((a) => a.uuid === uuid);
    const visible = akte && (await q.get(`SELECT 1 FROM akte a WHERE a.id = ? AND ${vis.sql}`, [akte.id, ...vis.params]));
    if (!akte || !visible) throw new AppError('records.not_found', { kind: 'Die Akte' }, `akte ${uuid} not found or not visible`);
    const refusal = offerRefusal(akte, amtId, today, await activeProzessOf(q, uuid));
    if (refusal) throw refusal;
  }
  return akten;
}

export interface CreatedOffer {
  readonly prozessId: string;
  readonly offer: WrittenFile;
}

/**
 * Creates an Aussonderung for expired Akten of one Amt and writes its 0501 Anbieteverzeichnis. The
 * ProzessID and the message's Erstellungszeitpunkt are chosen here and kept with the message, so writing
 * it again gives the same file.
 */
export async function createOffer(
  ctx: CallCtx,
  input: { amtId: string; akteUuids: readonly string[]; outDir?: string | undefined },
): Promise<CreatedOffer> {
  const uuids = [...new Set(input.akteUuids.map((u) => u.toLowerCase()))];
  if (uuids.length === 0) throw new AppError('aussonderung.empty_selection', {}, 'empty offer');
  const now = ctx.clock.now();
  const today = localDate(now);
  const akten = await checkedSelection(ctx.store.reader, ctx, input.amtId, uuids, today);
  const prozessId = ctx.ids.uuid().toLowerCase();
  const createdAt = now.toISOString();
  const message: OfferMessage = {
    type: '0501',
    header: messageHeader(await loadParties(ctx.store.reader), { id: input.amtId, name: akten[0]!.amtName }, prozessId, createdAt),
    receiptRequested: true,
    objects: akten.map((a, i) => offerObject(a, i + 1)),
  };
  const xml = await writeValidatedMessage(message);
  const dir = await outputDirectory(ctx.store.dataDir, prozessId, input.outDir);

  await ctx.store.write(async (tx) => {
    await checkedSelection(tx, ctx, input.amtId, uuids, today); // nothing changed since the read
    const { lastID } = await tx.run(
      'INSERT INTO aussonderung (prozess_id, amt_id, created_by, created_at) VALUES (?, ?, ?, ?)',
      [prozessId, input.amtId, ctx.caller.username, createdAt],
    );
    for (const [i, a] of akten.entries()) {
      await tx.run(
        'INSERT INTO aussonderung_object (aussonderung_id, position, akte_uuid, aktenzeichen, archival_hint) VALUES (?, ?, ?, ?, ?)',
        [lastID, i + 1, a.uuid, a.aktenzeichen, a.archivalHint],
      );
      await recordChange(tx, ctx, {
        action: 'akte.offer',
        objectType: 'akte',
        objectUuid: a.uuid,
        amtId: a.amtId,
        details: { prozessId },
      });
    }
    const sha256 = await saveMessage(tx, lastID, '0501', { direction: 'out', createdAt, xml }, createdAt);
    await auditAussonderung(tx, ctx, 'aussonderung.offer', prozessId, input.amtId, { akten: akten.length, sha256 });
  });
  ctx.logger.info('aussonderung offered', { prozessId, akten: akten.length });
  return { prozessId, offer: await writeFileAtomically(dir, messageFileName(prozessId, '0501'), xml) };
}
