import { z } from 'zod';
import { AmtId, IsoDate, IsoDateTime, Sha256Hex, Uuid } from './common';

export const ArchivalHint = z.enum(['A', 'B', 'V']);
export type ArchivalHint = z.infer<typeof ArchivalHint>;

export const AktenplanEntry = z.object({
  uuid: Uuid,
  number: z.string(),
  title: z.string(),
  parentUuid: Uuid.nullable(),
  amtId: AmtId,
  retentionYears: z.number().int().nullable(),
  archivalHint: ArchivalHint.nullable(),
  /** Akten may only be created under leaves. */
  isLeaf: z.boolean(),
});
export type AktenplanEntry = z.infer<typeof AktenplanEntry>;

export const AkteStatus = z.enum(['open', 'zda']);
export type AkteStatus = z.infer<typeof AkteStatus>;

export const Person = z.object({
  role: z.string(),
  name: z.string(),
  birthDate: IsoDate.nullable(),
});
export type Person = z.infer<typeof Person>;

export const AkteSummary = z.object({
  uuid: Uuid,
  aktenzeichen: z.string(),
  title: z.string(),
  amtId: AmtId,
  aktenplanNumber: z.string(),
  status: AkteStatus,
  openedAt: IsoDate,
  zdaAt: IsoDate.nullable(),
  documentCount: z.number().int(),
  legalHold: z.string().nullable(),
});
export type AkteSummary = z.infer<typeof AkteSummary>;

export const Vorgang = z.object({
  uuid: Uuid,
  aktenzeichen: z.string(),
  title: z.string(),
  createdAt: IsoDateTime,
  documentCount: z.number().int(),
});
export type Vorgang = z.infer<typeof Vorgang>;

export const Akte = AkteSummary.extend({
  aktenplanTitle: z.string(),
  retentionYears: z.number().int().nullable(),
  archivalHint: ArchivalHint.nullable(),
  persons: z.array(Person),
  vorgaenge: z.array(Vorgang),
});
export type Akte = z.infer<typeof Akte>;

export const Channel = z.enum(['papier', 'email', 'fax', 'de-mail', 'online']);
export type Channel = z.infer<typeof Channel>;

export const DocumentStatus = z.enum(['eingang', 'abgelegt']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const DocumentVersion = z.object({
  uuid: Uuid,
  versionNo: z.number().int().positive(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: Sha256Hex,
  createdAt: IsoDateTime,
  createdBy: z.string(),
});
export type DocumentVersion = z.infer<typeof DocumentVersion>;

export const DocumentSummary = z.object({
  uuid: Uuid,
  title: z.string(),
  docType: z.string().nullable(),
  sender: z.string().nullable(),
  documentDate: IsoDate.nullable(),
  receivedAt: IsoDateTime.nullable(),
  channel: Channel.nullable(),
  status: DocumentStatus,
  amtId: AmtId.nullable(),
  akteUuid: Uuid.nullable(),
  aktenzeichen: z.string().nullable(),
  vorgangUuid: Uuid.nullable(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentDetail = DocumentSummary.extend({
  versions: z.array(DocumentVersion),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const Wiedervorlage = z.object({
  uuid: Uuid,
  dueDate: IsoDate,
  note: z.string(),
  akteUuid: Uuid.nullable(),
  aktenzeichen: z.string().nullable(),
  documentUuid: Uuid.nullable(),
  doneAt: IsoDateTime.nullable(),
  /** The letter went to this Amt, which ended the Wiedervorlage (its Akte and content are no longer the caller's). */
  handedOnTo: AmtId.nullable(),
});
export type Wiedervorlage = z.infer<typeof Wiedervorlage>;
