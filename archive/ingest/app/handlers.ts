import { AppError } from '../../../contract/app-error';
import type { archivMethods } from '../../../contract/methods/archiv';
import type { HandlerCtx, HandlersFor } from '../../../core/api/handler-types';
import type { CallCtx } from '../../../core/records/context';
import { recordAppraisal } from './appraisal-service';
import { confirmAussonderung } from './confirm-service';
import { fixityRuns, runFixity } from './fixity-service';
import { packageAussonderung } from './package-service';
import { detailOf, effectiveReport, summaryOf } from './present';
import { listReceipts, receiptByUuid } from './register';
import { receiveAussonderung } from './receive-service';

/** Dispatch checked the permission (archive.*, the archiv role); the services need a caller. */
const call = (ctx: HandlerCtx): CallCtx => {
  if (!ctx.caller) throw new AppError('auth.not_logged_in', {}, 'no caller');
  return { ...ctx, caller: ctx.caller };
};

const changed = (ctx: HandlerCtx, uuid: string) =>
  ctx.events.emit({ type: 'records.changed', objectType: 'archiv', uuid });

export const archivHandlers: HandlersFor<typeof archivMethods> = {
  'archiv.receive': async (ctx, { source }) => {
    const detail = await receiveAussonderung(call(ctx), source);
    changed(ctx, detail.receiptId);
    return detail;
  },
  'archiv.recordAppraisal': async (ctx, { source }) => {
    const result = await recordAppraisal(call(ctx), source);
    changed(ctx, result.prozessId);
    return result;
  },
  'archiv.list': async (ctx) => {
    const q = ctx.store.reader;
    const rows = await listReceipts(q);
    return Promise.all(
      rows.map(async (row) => summaryOf(q, row, await effectiveReport(q, row))),
    );
  },
  'archiv.get': async (ctx, { receiptId, offset, limit }) =>
    detailOf(ctx.store.reader, await receiptByUuid(ctx.store.reader, receiptId), { offset, limit }),
  'archiv.confirm': async (ctx, { prozessId, outDir }) => {
    const result = await confirmAussonderung(call(ctx), prozessId, outDir);
    changed(ctx, prozessId);
    return result;
  },
  'archiv.package': async (ctx, { prozessId, outDir }) => {
    const result = await packageAussonderung(call(ctx), prozessId, outDir);
    changed(ctx, prozessId);
    return result;
  },
  'archiv.fixityRun': (ctx) => runFixity(call(ctx)),
  'archiv.fixityRuns': (ctx, { limit }) => fixityRuns(ctx.store.reader, limit),
};
