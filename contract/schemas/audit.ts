import { z } from 'zod';
import { IsoDateTime } from './common';

export const AuditEntry = z.object({
  seq: z.number().int().positive(),
  at: IsoDateTime,
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectUuid: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  headHash: z.string().nullable(),
  brokenAtSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
