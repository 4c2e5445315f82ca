import path from 'node:path';
import { AppError, isAppError } from '../../contract/app-error';
import type { AussonderungState } from '../../contract/methods/aussonderung';
import type { CallCtx } from '../../core/records/context';
import type { WriteTx } from '../../core/store/store';
import {
  defaultXmlLimits,
  messageFileName,
  readMessage,
  readValidatedMessage,
  writeValidatedMessage,
  type AppraisalMessage,
  type AussonderungMessage,
  type ImportConfirmationMessage,
  type OfferMessage,
  type ReceiptMessage,
  type XdomeaMessage,
} from '../xdomea/index';
import { appraisalDecisions, importResultsPerAkte } from './answers';
import { auditAussonderung } from './audit';
import { readReceivedMessage, type MessageSourceInput } from './message-source';
import { outputDirectory, writeFileAtomically, type WrittenFile } from './output-files';
import { loadParties } from './parties';
import {
  findAussonderung,
  loadMessage,
  loadObjects,
  saveMessage,
  sha256Hex,
  stateOf,
  type AussonderungRow,
} from './repository';
import { messageHeader } from './xdomea-mapping';

export interface ImportOutcome {
  prozessId: string;
  type: '0502' | '0504' | '0506' | '0507';
  state: AussonderungState;
  applied: number;
  failed: number;
  unanswered: string[];
  receipt: WrittenFile | null;
  repeated: boolean;
}

type Answer = AppraisalMessage | ImportConfirmationMessage | (ReceiptMessage & { type: '0504' | '0507' });
const isAnswer = (m: XdomeaMessage): m is Answer => ['0502', '0504', '0506', '0507'].includes(m.type);

interface Received {
  readonly row: AussonderungRow;
  readonly message: Answer;
  readonly xml: string;
}

/**
 * Takes in an answer of the archive: 0502 appraisal, 0504/0507 receipts, 0506 import confirmation. The
 * message must pass the safe-XML checks and the XSD of its version and belong to a known process; a
 * refused message changes nothing and is recorded in the audit log with its code.
 */
export async function importMessage(
  ctx: CallCtx,
  source: MessageSourceInput,
  receiptDir: string | undefined,
): Promise<ImportOutcome> {
  let known: { prozessId?: string; type?: string; sha256?: string } = {};
  try {
    const received = await readReceivedMessage(source, path.join(ctx.store.dataDir, 'aussonderung', 'tmp'));
    known = { sha256: sha256Hex(received.xml) };
    const { message } = await readValidatedMessage(received.xml);
    known = { ...known, type: message.type, prozessId: message.header.prozessId.toLowerCase() };
    if (!isAnswer(message)) throw new AppError('aussonderung.unexpected_message', { type: message.type }, 'not an archive answer');
    const row = await findAussonderung(ctx.store.reader, message.header.prozessId);
    if (!row) {
      throw new AppError('aussonderung.unknown_prozess', { prozessId: message.header.prozessId }, 'answer for unknown prozess');
    }
    const xml = received.xml.toString('utf8');
    const earlier = await loadMessage(ctx.store.reader, row.id, message.type);
    if (earlier?.sha256 === sha256Hex(xml)) return outcome(ctx, row.prozess_id, message.type, { repeated: true });
    if (earlier) throw new AppError('aussonderung.message_conflict', { prozessId: row.prozess_id, type: message.type }, 'second message of a type');
    return await apply(ctx, { row, message, xml }, receiptDir);
  } catch (err) {
    if (isAppError(err)) await recordRefusal(ctx, err, known);
    throw err;
  }
}

async function recordRefusal(ctx: CallCtx, err: AppError, known: { prozessId?: string; type?: string; sha256?: string }) {
  ctx.logger.warn('aussonderung message refused', { code: err.code, type: known.type ?? null, prozessId: known.prozessId ?? null });
  await ctx.store.write((tx) =>
    auditAussonderung(tx, ctx, 'aussonderung.import_refused', known.prozessId ?? null, null, {
      code: err.code,
      type: known.type ?? null,
      sha256: known.sha256 ?? null,
    }),
  );
}

function requireStep(row: AussonderungRow, done: string | null, action: string): void {
  if (!done) throw new AppError('aussonderung.wrong_state', { prozessId: row.prozess_id, state: stateOf(row), action }, `${action} too early`);
}

async function apply(ctx: CallCtx, r: Received, receiptDir: string | undefined): Promise<ImportOutcome> {
  const { row, message } = r;
  const now = ctx.clock.now().toISOString();
  switch (message.type) {
    case '0504':
      await recordStep(ctx, r, 'offer_received_at', now, {});
      return outcome(ctx, row.prozess_id, message.type, {});
    case '0507':
      requireStep(row, row.exported_at, 'eine Empfangsbestätigung der Aussonderung');
      await recordStep(ctx, r, 'export_received_at', now, {});
      return outcome(ctx, row.prozess_id, message.type, {});
    case '0502':
      return applyAppraisal(ctx, r, message, now, receiptDir);
    case '0506':
      return applyImportConfirmation(ctx, r, message, now);
  }
}

type StepColumn = 'offer_received_at' | 'appraised_at' | 'import_confirmed_at' | 'export_received_at';

/** Stores the message, marks the step and writes the audit entry; `more` runs in the same transaction. */
async function recordStep(
  ctx: CallCtx,
  r: Received,
  column: StepColumn,
  now: string,
  details: Record<string, unknown>,
  more?: (tx: WriteTx) => Promise<void>,
): Promise<void> {
  await ctx.store.write(async (tx) => {
    await more?.(tx);
    await tx.run(`UPDATE aussonderung SET ${column} = COALESCE(${column}, ?) WHERE id = ?`, [now, r.row.id]);
    const sha256 = await saveMessage(tx, r.row.id, r.message.type, { direction: 'in', createdAt: r.message.header.createdAt, xml: r.xml }, now);
    await auditAussonderung(tx, ctx, `aussonderung.receive_${r.message.type}`, r.row.prozess_id, r.row.amt_id, { ...details, sha256 });
  });
  ctx.logger.info('aussonderung message imported', { prozessId: r.row.prozess_id, type: r.message.type });
}

async function storedMessage<T extends XdomeaMessage>(ctx: CallCtx, row: AussonderungRow, type: T['type']): Promise<T> {
  const stored = await loadMessage(ctx.store.reader, row.id, type);
  if (!stored) throw new Error(`stored ${type} of ${row.prozess_id} missing`);
  if (stored.storedAs === 'inline') return readMessage(stored.xml).message as T;
  // Our own message, schema-checked when written: its size is no reason to refuse reading it back.
  const bytes = await ctx.store.blobs.read(stored.sha256);
  return readMessage(bytes, { ...defaultXmlLimits, maxBytes: bytes.byteLength }).message as T;
}

async function applyAppraisal(
  ctx: CallCtx,
  r: Received,
  appraisal: AppraisalMessage,
  now: string,
  receiptDir: string | undefined,
): Promise<ImportOutcome> {
  const offer = await storedMessage<OfferMessage>(ctx, r.row, '0501');
  const decisions = appraisalDecisions(offer, appraisal);
  const receiptXml = appraisal.receiptRequested ? await receiptFor(ctx, r.row, now) : null;
  const counts = { A: 0, B: 0, V: 0 };
  for (const d of decisions.values()) counts[d]++;
  await recordStep(ctx, r, 'appraised_at', now, counts, async (tx) => {
    for (const [uuid, decision] of decisions) {
      await tx.run('UPDATE aussonderung_object SET decision = ?, selected = ? WHERE aussonderung_id = ? AND akte_uuid = ?', [
        decision,
        decision === 'A' ? 1 : 0,
        r.row.id,
        uuid,
      ]);
    }
    if (receiptXml) await saveMessage(tx, r.row.id, '0505', { direction: 'out', createdAt: now, xml: receiptXml }, now);
  });
  const receipt = receiptXml
    ? await writeFileAtomically(await outputDirectory(ctx.store.dataDir, r.row.prozess_id, receiptDir), messageFileName(r.row.prozess_id, '0505'), receiptXml)
    : null;
  return outcome(ctx, r.row.prozess_id, '0502', { applied: decisions.size, receipt });
}

/** 0505: the office confirms it received the appraisal, as the archive asked. */
async function receiptFor(ctx: CallCtx, row: AussonderungRow, createdAt: string): Promise<string> {
  const amt = await ctx.store.reader.get<{ name: string }>('SELECT name FROM amt WHERE id = ?', [row.amt_id]);
  return writeValidatedMessage({
    type: '0505',
    header: messageHeader(await loadParties(ctx.store.reader), { id: row.amt_id, name: amt?.name ?? '' }, row.prozess_id, createdAt),
  });
}

async function applyImportConfirmation(
  ctx: CallCtx,
  r: Received,
  confirmation: ImportConfirmationMessage,
  now: string,
): Promise<ImportOutcome> {
  requireStep(r.row, r.row.exported_at, 'eine Importbestätigung');
  const sent = await storedMessage<AussonderungMessage>(ctx, r.row, '0503');
  const results = importResultsPerAkte(sent, confirmation);
  const ok = results.filter((x) => x.ok === true).length;
  const failed = results.filter((x) => x.ok === false).length;
  await recordStep(ctx, r, 'import_confirmed_at', now, { imported: ok, failed }, async (tx) => {
    for (const x of results) {
      if (x.ok === null) continue;
      await tx.run('UPDATE aussonderung_object SET import_ok = ?, archive_id = ?, import_error = ? WHERE aussonderung_id = ? AND akte_uuid = ?', [
        x.ok ? 1 : 0,
        x.archiveId,
        x.error,
        r.row.id,
        x.akteUuid,
      ]);
    }
  });
  return outcome(ctx, r.row.prozess_id, '0506', { applied: ok, failed });
}

async function outcome(
  ctx: CallCtx,
  prozessId: string,
  type: ImportOutcome['type'],
  parts: Partial<Pick<ImportOutcome, 'applied' | 'failed' | 'receipt' | 'repeated'>>,
): Promise<ImportOutcome> {
  const row = await findAussonderung(ctx.store.reader, prozessId);
  if (!row) throw new Error('aussonderung vanished');
  const objects = await loadObjects(ctx.store.reader, row.id);
  const unanswered =
    type === '0502' ? objects.filter((o) => o.decision === null) : type === '0506' ? objects.filter((o) => o.selected && o.import_ok === null) : [];
  return {
    prozessId,
    type,
    state: stateOf(row),
    applied: parts.applied ?? 0,
    failed: parts.failed ?? 0,
    unanswered: unanswered.map((o) => o.aktenzeichen),
    receipt: parts.receipt ?? null,
    repeated: parts.repeated ?? false,
  };
}
