import { AppError } from '../../contract/app-error';
import type { classifyMethods } from '../../contract/methods/classify';
import type { HandlerCtx, HandlersFor } from '../../core/api/handler-types';
import type { CallCtx } from '../../core/records/context';
import { accept, proposalFor, proposeText, retrain } from './service';

const call = (ctx: HandlerCtx): CallCtx => {
  if (!ctx.caller) throw new AppError('auth.not_logged_in', {}, 'no caller');
  return { ...ctx, caller: ctx.caller };
};

export const classifyHandlers: HandlersFor<typeof classifyMethods> = {
  'classify.proposal': (ctx, { uuid }) => proposalFor(call(ctx), uuid),
  'classify.accept': async (ctx, { uuid, vorgangUuid }) => {
    const out = await accept(call(ctx), uuid, vorgangUuid);
    ctx.events.emit({ type: 'records.changed', objectType: 'document', uuid });
    return out;
  },
  'classify.retrain': (ctx, { amtId }) => retrain(call(ctx), amtId),
  'classify.text': (ctx, { text, pageStarts, amtId }) => proposeText(call(ctx), text, pageStarts, amtId),
};
