import { appendAudit } from '../../core/audit/index';
import type { CallCtx } from '../../core/records/context';
import type { WriteTx } from '../../core/store/store';

/** An audit entry about the process itself (the per-Akte entries go through recordChange). */
export const auditAussonderung = (
  tx: WriteTx,
  ctx: CallCtx,
  action: string,
  prozessId: string | null,
  amtId: string | null,
  details: Record<string, unknown>,
): Promise<number> =>
  appendAudit(tx, ctx.clock.now(), {
    actor: ctx.caller.username,
    action,
    objectType: 'aussonderung',
    objectUuid: prozessId,
    amtId,
    details,
  });
