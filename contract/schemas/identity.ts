import { z } from 'zod';
import { AmtId, Uuid } from './common';

export const Role = z.enum(['poststelle', 'sachbearbeitung', 'archiv', 'admin']);
export type Role = z.infer<typeof Role>;

/** A role, for Sachbearbeitung bound to one Amt. */
export const Grant = z.object({ role: Role, amtId: AmtId.nullable() });
export type Grant = z.infer<typeof Grant>;

export const Amt = z.object({ id: AmtId, name: z.string(), behoerdenkennung: z.string().nullable() });
export type Amt = z.infer<typeof Amt>;

export const User = z.object({
  uuid: Uuid,
  username: z.string(),
  displayName: z.string(),
  grants: z.array(Grant),
});
export type User = z.infer<typeof User>;

export const Session = z.object({ sessionId: z.string(), user: User });
export type Session = z.infer<typeof Session>;
