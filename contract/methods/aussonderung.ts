import { z } from 'zod';
import { AmtId, Empty, IsoDate, IsoDateTime, Sha256Hex, Uuid } from '../schemas/common';
import { ArchivalHint } from '../schemas/records';
import { OutDir, ReadPath } from '../fs-paths';
import { method, type MethodSpec } from '../method-spec';


export const ExpiringAkte = z.object({
  uuid: Uuid,
  aktenzeichen: z.string(),
  title: z.string(),
  amtId: AmtId,
  aktenplanNumber: z.string(),
  aktenplanTitle: z.string(),
  zdaAt: IsoDate,
  retentionYears: z.number().int(),
  expiresOn: IsoDate,
  archivalHint: ArchivalHint.nullable(),
  /** Reason of a legal hold; such Akten are listed but can be neither offered nor deleted. */
  legalHold: z.string().nullable(),
  /** ProzessID of the Aussonderung the Akte is already in. */
  prozessId: Uuid.nullable(),
});
export type ExpiringAkte = z.infer<typeof ExpiringAkte>;

/** Where a process stands; derived from the time of each step. */
export const AussonderungState = z.enum([
  'offered', // 0501 written
  'offer_received', // 0504 in
  'appraised', // 0502 in
  'exported', // 0503 written
  'export_received', // 0507 in
  'import_confirmed', // 0506 in
  'completed', // nothing left to delete
]);
export type AussonderungState = z.infer<typeof AussonderungState>;

export const AussonderungSummary = z.object({
  prozessId: Uuid,
  amtId: AmtId,
  state: AussonderungState,
  createdAt: IsoDateTime,
  createdBy: z.string(),
  akten: z.number().int(),
  /** Counts of the archive's decisions; undecided Akten count as `open`. */
  decisions: z.object({ A: z.number().int(), B: z.number().int(), V: z.number().int(), open: z.number().int() }),
  deleted: z.number().int(),
});
export type AussonderungSummary = z.infer<typeof AussonderungSummary>;

export const AussonderungObject = z.object({
  akteUuid: Uuid,
  aktenzeichen: z.string(),
  archivalHint: ArchivalHint.nullable(),
  decision: ArchivalHint.nullable(),
  /** Handed over in the 0503: decision A, or B chosen by the archivist. */
  selected: z.boolean(),
  importOk: z.boolean().nullable(),
  archiveId: z.string().nullable(),
  importError: z.string().nullable(),
  legalHold: z.string().nullable(),
  deletedAt: IsoDateTime.nullable(),
});
export type AussonderungObject = z.infer<typeof AussonderungObject>;

export const FileOutcome = z.enum(['conforming', 'converted', 'not_conforming']);

/** One primary file of the 0503 and what the PDF/A check made of it. */
export const FormatReportEntry = z.object({
  akteUuid: Uuid,
  documentUuid: Uuid,
  versionUuid: Uuid,
  fileName: z.string(),
  outcome: FileOutcome,
  pdfaVersion: z.string().nullable(),
  reason: z.string().nullable(),
  sourceSha256: Sha256Hex,
  sentSha256: Sha256Hex,
  size: z.number().int(),
});
export type FormatReportEntry = z.infer<typeof FormatReportEntry>;

export const MessageRecord = z.object({
  type: z.enum(['0501', '0502', '0503', '0504', '0505', '0506', '0507']),
  direction: z.enum(['out', 'in']),
  createdAt: z.string(),
  recordedAt: IsoDateTime,
  sha256: Sha256Hex,
});

export const AussonderungDetail = AussonderungSummary.extend({
  objects: z.array(AussonderungObject),
  messages: z.array(MessageRecord),
  files: z.array(FormatReportEntry),
});
export type AussonderungDetail = z.infer<typeof AussonderungDetail>;

export const WrittenFile = z.object({ path: z.string(), size: z.number().int(), sha256: Sha256Hex });

/** A message file to import: a path on this machine, or the bytes a browser upload delivered. */
export const MessageSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: ReadPath }),
  z.object({
    kind: z.literal('bytes'),
    fileName: z.string().min(1).max(255),
    base64: z.string().max(90_000_000),
  }),
]);

export const ImportOutcome = z.object({
  prozessId: Uuid,
  type: z.enum(['0502', '0504', '0506', '0507']),
  state: AussonderungState,
  /** 0502: decisions taken over; 0506: Akten confirmed imported / failed. */
  applied: z.number().int(),
  failed: z.number().int(),
  /** Offered Akten the message says nothing about. */
  unanswered: z.array(z.string()),
  /** A 0505 receipt was written because the archive asked for one. */
  receipt: WrittenFile.nullable(),
  /** True when the same message had been imported before (nothing changed). */
  repeated: z.boolean(),
});

export const DeletionProtocolEntry = z.object({
  seq: z.number().int(),
  uuid: Uuid,
  prozessId: Uuid,
  akteUuid: Uuid,
  aktenzeichen: z.string(),
  amtId: AmtId,
  aktenplanNumber: z.string(),
  openedAt: IsoDate,
  zdaAt: IsoDate,
  retentionYears: z.number().int().nullable(),
  decision: ArchivalHint,
  ground: z.enum(['archived', 'destroyed']),
  appraisalAt: IsoDateTime,
  archiveId: z.string().nullable(),
  importConfirmedAt: IsoDateTime.nullable(),
  vorgaenge: z.number().int(),
  documents: z.number().int(),
  versions: z.number().int(),
  blobsRemoved: z.number().int(),
  deletedAt: IsoDateTime,
  deletedBy: z.string(),
});
export type DeletionProtocolEntry = z.infer<typeof DeletionProtocolEntry>;

export const FixityReport = z.object({
  checkedAt: IsoDateTime,
  blobs: z.number().int(),
  bytes: z.number().int(),
  ok: z.number().int(),
  missing: z.array(Sha256Hex),
  corrupt: z.array(Sha256Hex),
  /** Files in the blob folder without a record (e.g. left by a crash after a deletion). */
  unreferenced: z.array(z.string()),
});
export type FixityReport = z.infer<typeof FixityReport>;

const ByProzess = z.object({ prozessId: Uuid });

/** Retention, the Aussonderung to the city archive (xdomea 0501–0507), deletion with protocol, fixity. */
export const aussonderungMethods = {
  'aussonderung.listExpiring': method({
    kind: 'query',
    input: z.object({ amtId: AmtId.optional() }),
    output: z.array(ExpiringAkte),
    permission: 'archive.read',
  }),
  'aussonderung.createOffer': method({
    kind: 'command',
    input: z.object({ amtId: AmtId, akteUuids: z.array(Uuid).min(1).max(10_000), outDir: OutDir.optional() }),
    output: z.object({ aussonderung: AussonderungDetail, offer: WrittenFile }),
    permission: 'archive.write',
  }),
  'aussonderung.list': method({
    kind: 'query',
    input: Empty,
    output: z.array(AussonderungSummary),
    permission: 'archive.read',
  }),
  'aussonderung.get': method({ kind: 'query', input: ByProzess, output: AussonderungDetail, permission: 'archive.read' }),
  'aussonderung.writeMessage': method({
    kind: 'command',
    input: ByProzess.extend({ type: z.enum(['0501', '0505']), outDir: OutDir.optional() }),
    output: WrittenFile,
    permission: 'archive.write',
  }),
  'aussonderung.importMessage': method({
    kind: 'command',
    input: z.object({ source: MessageSource, receiptDir: OutDir.optional() }),
    output: ImportOutcome,
    permission: 'archive.write',
  }),
  'aussonderung.selectSample': method({
    kind: 'command',
    input: ByProzess.extend({ akteUuids: z.array(Uuid).max(10_000) }),
    output: AussonderungDetail,
    permission: 'archive.write',
  }),
  'aussonderung.export': method({
    kind: 'command',
    input: ByProzess.extend({ outDir: OutDir.optional() }),
    output: z.object({ package: WrittenFile, files: z.array(FormatReportEntry), aussonderung: AussonderungSummary }),
    permission: 'archive.write',
  }),
  'aussonderung.delete': method({
    kind: 'command',
    input: ByProzess,
    output: z.object({
      deleted: z.array(DeletionProtocolEntry),
      kept: z.array(z.object({ akteUuid: Uuid, aktenzeichen: z.string(), reason: z.string() })),
      aussonderung: AussonderungSummary,
    }),
    permission: 'archive.write',
  }),
  'aussonderung.deletionProtocol': method({
    kind: 'query',
    input: z.object({ prozessId: Uuid.optional() }),
    output: z.array(DeletionProtocolEntry),
    permission: 'archive.read',
  }),
  'fixity.check': method({ kind: 'command', input: Empty, output: FixityReport, permission: 'audit.read' }),
} as const satisfies Record<string, MethodSpec>;
