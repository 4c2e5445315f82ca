import { z } from 'zod';
import { AmtId, IsoDateTime, Uuid } from './common';
import { SearchFilters } from './search';

export const MitzeichnungStatus = z.enum(['offen', 'mitgezeichnet', 'abgelehnt']);
export type MitzeichnungStatus = z.infer<typeof MitzeichnungStatus>;

/** A request to co-sign a document, from one clerk to another of the same Amt. */
export const Mitzeichnung = z.object({
  uuid: Uuid,
  documentUuid: Uuid,
  documentTitle: z.string(),
  aktenzeichen: z.string().nullable(),
  amtId: AmtId,
  requestedBy: z.string(),
  addresseeUuid: Uuid,
  addressee: z.string(),
  note: z.string(),
  status: MitzeichnungStatus,
  comment: z.string().nullable(),
  createdAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
});
export type Mitzeichnung = z.infer<typeof Mitzeichnung>;

/** Another clerk who may be asked to co-sign. */
export const Colleague = z.object({ uuid: Uuid, displayName: z.string(), amtId: AmtId });
export type Colleague = z.infer<typeof Colleague>;

export const SavedSearch = z.object({
  uuid: Uuid,
  name: z.string(),
  q: z.string(),
  filters: SearchFilters,
  createdAt: IsoDateTime,
});
export type SavedSearch = z.infer<typeof SavedSearch>;

export const AkteneinsichtExport = z.object({
  fileName: z.string(),
  /** The PDF itself; exports are a few MB and travel like other downloads of the API. */
  base64: z.string(),
  pageCount: z.number().int().positive(),
  documentCount: z.number().int().positive(),
});
export type AkteneinsichtExport = z.infer<typeof AkteneinsichtExport>;
