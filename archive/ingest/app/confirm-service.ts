import path from 'node:path';
import { AppError } from '../../../contract/app-error';
import type { MethodOutput } from '../../../contract/methods';
import { appendAudit } from '../../../core/audit/index';
import type { CallCtx } from '../../../core/records/context';
import { sha256 } from '../../../core/store/blobs/blob-store';
import { writeFileAtomically } from '../../aussonderung/output-files';
import type { Queryable } from '../../../core/store/store';
import { messageFileName, readMessageHeader, type MessageHeader } from '../../xdomea/index';
import { buildConfirmations, errorsOf, objectErrors, writeConfirmations, type ConfirmationInput } from '../confirm';
import type { Finding } from '../findings';
import type { VersionNode } from '../receive';
import { effectiveReport } from './present';
import { allObjectRows, confirmationsOf, latestReceipt, type ReceiptRow } from './register';
import { outputDir } from './output-dir';

/** The 0506's input from the register: the objects' errors gathered per top-level object, page by page. */
async function confirmationInput(q: Queryable, row: ReceiptRow, header: MessageHeader): Promise<ConfirmationInput> {
  const e = await effectiveReport(q, row);
  const objects: { xdomeaUuid: string; errors: string[] }[] = [];
  const byTop = new Map<number, string[]>();
  for await (const r of allObjectRows(q, row.id)) {
    const extra = r.depth === 0 ? e.appraisal?.objectFindings.get(r.xdomea_uuid) : undefined;
    const errors = objectErrors({
      xdomeaUuid: r.xdomea_uuid,
      findings: [...(JSON.parse(r.findings) as Finding[]), ...(extra ? [extra] : [])],
      versions: JSON.parse(r.versions) as VersionNode[],
    });
    if (r.depth === 0) {
      objects.push({ xdomeaUuid: r.xdomea_uuid, errors });
      byTop.set(r.position, objects.at(-1)!.errors);
    } else byTop.get(r.top_position)!.push(...errors);
  }
  return { header, packageErrors: errorsOf(e.packageFindings), objects };
}

/**
 * Answers the latest receipt of a ProzessID with the 0507 (receipt) and the 0506 (import confirmation, per
 * object success or the reasons). They are written once and kept; asking again writes the same messages.
 */
export async function confirmAussonderung(
  ctx: CallCtx,
  prozessId: string,
  requestedDir: string | undefined,
): Promise<MethodOutput<'archiv.confirm'>> {
  const row = await latestReceipt(ctx.store.reader, prozessId);
  if (row.message_sha256 === null)
    throw new AppError('archiv.refused_package', { id: prozessId }, 'refused package cannot be confirmed');
  const dir = await outputDir(requestedDir, path.join(ctx.store.dataDir, 'archiv', row.prozess_id!));
  const stored = await confirmationsOf(ctx.store.reader, row.id);
  let receiptXml = stored.find((c) => c.type === '0507')?.xml;
  let importXml = stored.find((c) => c.type === '0506')?.xml;
  const repeated = receiptXml !== undefined && importXml !== undefined;
  if (!repeated) {
    const header = readMessageHeader(await ctx.store.blobs.read(row.message_sha256));
    const input = await confirmationInput(ctx.store.reader, row, header);
    const confirmations = buildConfirmations(input, ctx.clock.now().toISOString());
    ({ receiptXml, importConfirmationXml: importXml } = await writeConfirmations(confirmations));
    const accepted = confirmations.importConfirmation.results.every((r) => r.success);
    const createdAt = ctx.clock.now().toISOString();
    await ctx.store.write(async (tx) => {
      for (const [type, xml] of [
        ['0507', receiptXml!],
        ['0506', importXml!],
      ] as const)
        await tx.run(
          'INSERT INTO archiv_confirmation (receipt_id, type, accepted, sha256, xml, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [row.id, type, accepted ? 1 : 0, sha256(Buffer.from(xml)), xml, createdAt, ctx.caller.username],
        );
      await appendAudit(tx, ctx.clock.now(), {
        actor: ctx.caller.username,
        action: 'archiv.confirmed',
        objectType: 'archiv_receipt',
        objectUuid: row.uuid,
        amtId: null,
        details: { prozessId: row.prozess_id, accepted },
      });
    });
  }
  const accepted = (await confirmationsOf(ctx.store.reader, row.id)).every((c) => c.accepted === 1);
  const id = row.prozess_id!;
  return {
    receipt: await writeFileAtomically(dir, messageFileName(id, '0507'), receiptXml!),
    importConfirmation: await writeFileAtomically(dir, messageFileName(id, '0506'), importXml!),
    accepted,
    repeated,
  };
}
