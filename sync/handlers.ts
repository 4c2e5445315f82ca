import type { syncMethods } from '../contract/methods/sync';
import { akteVisibility, documentVisibility } from '../core/access/policy';
import type { HandlersFor } from '../core/api/handler-types';
import { changed, who } from '../core/api/handlers';
import { getConflict, listConflicts, resolveConflict } from './conflicts/resolve';
import { runCycle } from './engine';
import { retryFailedOps } from './outbox';
import { cycleFinished, objectSyncStates, syncDetails } from './status';

export const syncHandlers: HandlersFor<typeof syncMethods> = {
  'sync.status': (ctx) => syncDetails(ctx, ctx.caller),
  'sync.run': async (ctx, { retryFailed }) => {
    if (retryFailed) await ctx.store.write((tx) => retryFailedOps(tx));
    // A background cycle may be under way: the clerk's run follows it instead of failing as busy.
    await cycleFinished(ctx.store.dataDir);
    const r = await runCycle(ctx);
    return { ok: r.ok, pushed: r.pushed, conflicts: r.conflicts, errorCode: r.errorCode, status: await syncDetails(ctx, ctx.caller) };
  },
  'sync.objectStates': async (ctx, { uuids }) => {
    const { caller } = who(ctx);
    // Only objects the caller may see: the state of another Amt's document is not theirs to know.
    const docs = documentVisibility(caller);
    const akten = akteVisibility(caller);
    const marks = uuids.map(() => '?').join(',');
    const visible = await ctx.store.reader.all<{ uuid: string }>(
      `SELECT d.uuid FROM document d LEFT JOIN akte a ON a.id = d.akte_id WHERE d.uuid IN (${marks}) AND ${docs.sql}
       UNION SELECT a.uuid FROM akte a WHERE a.uuid IN (${marks}) AND ${akten.sql}`,
      [...uuids, ...docs.params, ...uuids, ...akten.params],
    );
    const allowed = new Set(visible.map((v) => v.uuid));
    return objectSyncStates(ctx.store.reader, uuids.filter((u) => allowed.has(u)));
  },
  'sync.listConflicts': (ctx, { includeResolved }) => listConflicts(ctx.store.reader, who(ctx).caller, includeResolved),
  'sync.resolveConflict': async (ctx, { uuid, resolution }) => {
    const c = who(ctx);
    await ctx.store.write((tx) => resolveConflict(tx, c, uuid, resolution));
    const conflict = await getConflict(ctx.store.reader, uuid);
    changed(ctx, 'document', conflict.objectUuid);
    return conflict;
  },
};
