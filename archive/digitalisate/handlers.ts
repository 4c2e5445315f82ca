import { AppError } from '../../contract/app-error';
import type { digitalisateMethods } from '../../contract/methods/digitalisate';
import type { HandlerCtx, HandlersFor } from '../../core/api/handler-types';
import type { Logger } from '../../core/platform/logger';
import type { CallCtx } from '../../core/records/context';
import { packageUnit } from './package-service';
import { listUnits, unitByUuid, unitDetail } from './register';
import { pageThumbnail } from './thumbnail';
import type { ScanIntake } from './scan-intake';
import { addPages, createUnit } from './unit-service';

/** Dispatch checked the permission (archive.*, the archiv role); the services need a caller. */
const call = (ctx: HandlerCtx): CallCtx => {
  if (!ctx.caller) throw new AppError('auth.not_logged_in', {}, 'no caller');
  return { ...ctx, caller: ctx.caller };
};

const changed = (ctx: HandlerCtx, uuid: string) =>
  ctx.events.emit({ type: 'records.changed', objectType: 'archiv', uuid });

/** `intake` binds the post room's intake with the archive settings (the host passes ocr/'s). */
export const digitalisateHandlers = (
  intake: (logger: Logger) => ScanIntake,
): HandlersFor<typeof digitalisateMethods> => ({
  'digitalisate.createUnit': async (ctx, input) => {
    const unit = await createUnit(call(ctx), input);
    changed(ctx, unit.unitId);
    return unit;
  },
  'digitalisate.addPages': async (ctx, { unitId, paths, uploads }) => {
    const result = await addPages(call(ctx), intake(ctx.logger), unitId, { paths, uploads });
    changed(ctx, unitId);
    return result;
  },
  'digitalisate.list': (ctx) => listUnits(ctx.store.reader),
  'digitalisate.get': async (ctx, { unitId }) =>
    unitDetail(ctx.store.reader, await unitByUuid(ctx.store.reader, unitId)),
  'digitalisate.pageThumbnail': async (ctx, { unitId, position }) => ({
    thumbnail: await pageThumbnail(ctx, intake(ctx.logger), unitId, position),
  }),
  'digitalisate.package': async (ctx, { unitId, outDir }) => {
    const result = await packageUnit(call(ctx), intake(ctx.logger), unitId, outDir);
    changed(ctx, unitId);
    return result;
  },
});
