import { z } from 'zod';

export const Uuid = z.uuid();
export const IsoDate = z.iso.date(); // 2025-03-31
export const IsoDateTime = z.iso.datetime({ offset: true });
export const AmtId = z.string().regex(/^\d{2}$/, 'Amt ist eine zweistellige Nummer');
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const Page = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().nonnegative() });

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });
