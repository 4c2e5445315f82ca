import type { adminMethods } from '../../contract/methods/admin';
import type { Grant } from '../../contract/schemas/identity';
import type { HandlersFor } from './handler-types';

/** The admin page: the group → role rules in force and the audited grant changes (no usage figures). */
export const adminHandlers: HandlersFor<typeof adminMethods> = {
  'admin.identityMapping': async (ctx) => {
    const rows = await ctx.store.reader.all<{ seq: number; at: string; object_uuid: string; details: string }>(
      `SELECT seq, at, object_uuid, details FROM audit_event WHERE action = 'user.grants_changed' ORDER BY seq DESC LIMIT 100`,
    );
    return {
      source: ctx.identity.demo ? 'demo' : 'os',
      groupRoles: [...ctx.identity.groupRoles],
      changes: rows.map((r) => {
        const d = JSON.parse(r.details) as { before: Grant[]; after: Grant[] };
        return { seq: r.seq, at: r.at, userUuid: r.object_uuid, before: d.before, after: d.after };
      }),
    };
  },
};
