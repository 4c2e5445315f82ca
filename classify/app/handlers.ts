import { AppError } from '../../contract/app-error';
import type { classifyMethods } from '../../contract/methods/classify';
import type { HandlerCtx, HandlersFor } from '../../core/api/handler-types';
import type { CallCtx } from '../../core/records/context';
import { listAutoFiled, undoAutoFiling } from './auto-filing';
import { proposalSummaries } from './inbox';
import { accept, proposalFor, proposeText, retrain } from './service';

const call = (ctx: HandlerCtx): CallCtx => {
  if (!ctx.caller) throw new AppError('auth.not_logged_in', {}, 'no caller');
  return { ...ctx, caller: ctx.caller };
};

const changed = (ctx: HandlerCtx, uuid: string) => ctx.events.emit({ type: 'records.changed', objectType: 'document', uuid });

export const classifyHandlers: HandlersFor<typeof classifyMethods> = {
  'classify.proposal': (ctx, { uuid }) => proposalFor(call(ctx), uuid),
  'classify.accept': async (ctx, { uuid, vorgangUuid }) => {
    const out = await accept(call(ctx), uuid, vorgangUuid);
    changed(ctx, uuid);
    return out;
  },
  'classify.retrain': (ctx, { amtId }) => retrain(call(ctx), amtId),
  'classify.text': (ctx, { text, pageStarts, amtId }) => proposeText(call(ctx), text, pageStarts, amtId),
  'classify.proposals': (ctx, { uuids }) => proposalSummaries(call(ctx), uuids),
  'classify.autoFiled': (ctx, { limit }) => listAutoFiled(call(ctx), limit),
  'classify.undoAutoFiling': async (ctx, { uuid }) => {
    const out = await undoAutoFiling(call(ctx), uuid);
    changed(ctx, uuid);
    return out;
  },
};
