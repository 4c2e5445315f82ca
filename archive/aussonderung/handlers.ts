import { AppError } from '../../contract/app-error';
import type { aussonderungMethods } from '../../contract/methods/aussonderung';
import type { HandlerCtx, HandlersFor } from '../../core/api/handler-types';
import { localDate } from '../../core/platform/clock';
import type { CallCtx } from '../../core/records/context';
import { deleteAussonderung } from './deletion';
import { loadDeletionProtocol } from './deletion-protocol';
import { exportAussonderung } from './export';
import { checkFixity } from './fixity';
import { importMessage } from './import-message';
import { createOffer } from './offer';
import { pdfaTools } from './pdfa-tools';
import { detailOf, listSummaries, loadAussonderung, summaryOf } from './repository';
import { listExpiring } from './retention';
import { selectSample, writeStoredMessage } from './selection';

/** Dispatch checked the permission; the services need a caller. */
const call = (ctx: HandlerCtx): CallCtx => {
  if (!ctx.caller) throw new AppError('auth.not_logged_in', {}, 'no caller');
  return { ...ctx, caller: ctx.caller };
};

const detail = async (ctx: HandlerCtx, prozessId: string) => detailOf(ctx.store.reader, await loadAussonderung(ctx.store.reader, prozessId));
const summary = async (ctx: HandlerCtx, prozessId: string) => summaryOf(ctx.store.reader, await loadAussonderung(ctx.store.reader, prozessId));

const changed = (ctx: HandlerCtx, prozessId: string) => ctx.events.emit({ type: 'records.changed', objectType: 'aussonderung', uuid: prozessId });

export const aussonderungHandlers: HandlersFor<typeof aussonderungMethods> = {
  'aussonderung.listExpiring': (ctx, { amtId }) => {
    const c = call(ctx);
    return listExpiring(ctx.store.reader, c.caller, localDate(ctx.clock.now()), amtId);
  },
  'aussonderung.createOffer': async (ctx, input) => {
    const { prozessId, offer } = await createOffer(call(ctx), input);
    changed(ctx, prozessId);
    return { aussonderung: await detail(ctx, prozessId), offer };
  },
  'aussonderung.list': (ctx) => listSummaries(ctx.store.reader),
  'aussonderung.get': (ctx, { prozessId }) => detail(ctx, prozessId),
  'aussonderung.writeMessage': (ctx, { prozessId, type, outDir }) => writeStoredMessage(call(ctx), prozessId, type, outDir),
  'aussonderung.importMessage': async (ctx, { source, receiptDir }) => {
    const outcome = await importMessage(call(ctx), source, receiptDir);
    changed(ctx, outcome.prozessId);
    return outcome;
  },
  'aussonderung.selectSample': async (ctx, { prozessId, akteUuids }) => {
    await selectSample(call(ctx), prozessId, akteUuids);
    changed(ctx, prozessId);
    return detail(ctx, prozessId);
  },
  'aussonderung.export': async (ctx, { prozessId, outDir }) => {
    const result = await exportAussonderung(call(ctx), pdfaTools, prozessId, outDir);
    changed(ctx, prozessId);
    return { ...result, aussonderung: await summary(ctx, prozessId) };
  },
  'aussonderung.delete': async (ctx, { prozessId }) => {
    const result = await deleteAussonderung(call(ctx), prozessId);
    changed(ctx, prozessId);
    return { ...result, aussonderung: await summary(ctx, prozessId) };
  },
  'aussonderung.deletionProtocol': (ctx, { prozessId }) => loadDeletionProtocol(ctx.store.reader, prozessId),
  'fixity.check': (ctx) => checkFixity(call(ctx)),
};
