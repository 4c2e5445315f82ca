import { z } from 'zod';
import { method, type MethodSpec } from '../method-spec';
import { AmtId, Empty, IsoDateTime, Uuid } from '../schemas/common';
import { Grant, Role } from '../schemas/identity';

/** A directory group (Windows/AD group name, case-insensitive) and the grant its members get. */
export const GroupRole = z.strictObject({ group: z.string().min(1), role: Role, amt: AmtId.nullable().default(null) });
export type GroupRole = z.infer<typeof GroupRole>;

/** A change of someone's grants as the audit log recorded it (who, when, before/after; no statistics). */
export const GrantChange = z.object({ seq: z.number().int(), at: IsoDateTime, userUuid: Uuid, before: z.array(Grant), after: z.array(Grant) });

export const IdentityMapping = z.object({
  source: z.enum(['demo', 'os']),
  groupRoles: z.array(GroupRole),
  changes: z.array(GrantChange),
});
export type IdentityMapping = z.infer<typeof IdentityMapping>;

/** IT administration: how logins become roles. */
export const adminMethods = {
  'admin.identityMapping': method({ kind: 'query', input: Empty, output: IdentityMapping, permission: 'admin.users' }),
} as const satisfies Record<string, MethodSpec>;
