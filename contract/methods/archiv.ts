import { z } from 'zod';
import { Empty, IsoDateTime, Sha256Hex, Uuid } from '../schemas/common';
import { OutDir } from '../fs-paths';
import { method, type MethodSpec } from '../method-spec';
import { MessageSource, WrittenFile } from './aussonderung';


export const IngestStatus = z.enum(['ok', 'warning', 'error']);
export type IngestStatus = z.infer<typeof IngestStatus>;

/** One finding of the ingest checks with its German text (`code` stays stable for scripts). */
export const ArchivFinding = z.object({
  status: z.enum(['warning', 'error']),
  code: z.string(),
  detail: z.string().nullable(),
  text: z.string(),
});
export type ArchivFinding = z.infer<typeof ArchivFinding>;

/** A Primärdokument as declared (Dateiformat code) and as found (PRONOM id, image, encoding). */
export const ArchivFile = z.object({
  fileName: z.string(),
  versionNumber: z.string(),
  declaredCode: z.string(),
  present: z.boolean(),
  size: z.number().int().nullable(),
  sha256: Sha256Hex.nullable(),
  puid: z.string().nullable(),
  formatName: z.string().nullable(),
  image: z
    .object({ width: z.number().int(), height: z.number().int(), dpi: z.number().nullable() })
    .nullable(),
  encoding: z.string().nullable(),
  status: IngestStatus,
  findings: z.array(ArchivFinding),
});
export type ArchivFile = z.infer<typeof ArchivFile>;

/** The object tree of the 0503 flattened parents first; `depth` 0 is a top-level Akte/Vorgang/Dokument. */
export const ArchivObject = z.object({
  kind: z.enum(['akte', 'vorgang', 'dokument']),
  xdomeaUuid: z.string(),
  depth: z.number().int(),
  title: z.string().nullable(),
  aktenzeichen: z.string().nullable(),
  status: IngestStatus,
  findings: z.array(ArchivFinding),
  files: z.array(ArchivFile),
});
export type ArchivObject = z.infer<typeof ArchivObject>;

export const ArchivCounts = z.object({
  akten: z.number().int(),
  vorgaenge: z.number().int(),
  dokumente: z.number().int(),
  versionen: z.number().int(),
  formate: z.number().int(),
  primaerdateien: z.number().int(),
});

export const ArchivReceiptSummary = z.object({
  receiptId: Uuid,
  prozessId: z.string().nullable(),
  sourceName: z.string(),
  xdomeaVersion: z.string().nullable(),
  /** Including the appraisal comparison when the archive's 0502 of the ProzessID is known. */
  status: IngestStatus,
  refused: z.object({ code: z.string(), text: z.string() }).nullable(),
  receivedAt: IsoDateTime,
  receivedBy: z.string(),
  counts: ArchivCounts,
  appraisalKnown: z.boolean(),
  /** Set once the 0507/0506 went back; `accepted` is the 0506's verdict. */
  confirmation: z.object({ accepted: z.boolean(), at: IsoDateTime }).nullable(),
  submission: z.object({ target: z.string(), path: z.string(), at: IsoDateTime }).nullable(),
});
export type ArchivReceiptSummary = z.infer<typeof ArchivReceiptSummary>;

/** A page of the object tree (parents first); `archiv.get` with `offset` pages on, up to `objectsTotal`. */
export const ArchivReceiptDetail = ArchivReceiptSummary.extend({
  packageFindings: z.array(ArchivFinding),
  objects: z.array(ArchivObject),
  objectsOffset: z.number().int(),
  objectsTotal: z.number().int(),
  /** Findings of the comparison with the 0502 over the whole receipt, not only this page. */
  appraisalFindings: z.number().int(),
});
export type ArchivReceiptDetail = z.infer<typeof ArchivReceiptDetail>;

export const ArchivFixityChange = z.object({
  file: z.string(),
  change: z.enum(['changed', 'missing', 'unlisted']),
});

export const ArchivFixityRun = z.object({
  runId: z.number().int(),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime,
  runBy: z.string(),
  packages: z.number().int(),
  files: z.number().int(),
  results: z.array(
    z.object({
      /** An Aussonderung's package, or a Digitalisat unit's (then `prozessId` is the unit's id). */
      kind: z.enum(['aussonderung', 'digitalisat']),
      prozessId: z.string(),
      path: z.string(),
      outcome: z.enum(['ok', 'changed', 'missing']),
      changes: z.array(ArchivFixityChange),
    }),
  ),
});
export type ArchivFixityRun = z.infer<typeof ArchivFixityRun>;

const ByProzess = z.object({ prozessId: Uuid });

/** Objects per page of a receipt's report (the receive answer holds the first page). */
export const ARCHIV_PAGE = 200;
const ARCHIV_PAGE_MAX = 1000;

/** A 0503 to receive: a path, small bytes, or (browser mode, any size) a file sent before with `PUT /files/upload`. */
export const PackageSource = z.discriminatedUnion('kind', [
  ...MessageSource.options,
  z.object({ kind: z.literal('upload'), uploadId: Uuid }),
]);
export type PackageSource = z.infer<typeof PackageSource>;

/** The Stadtarchiv's side of the Aussonderung: receive a 0503, compare, confirm, package, keep fixity. */
export const archivMethods = {
  'archiv.receive': method({
    kind: 'command',
    input: z.object({ source: PackageSource }),
    output: ArchivReceiptDetail,
    permission: 'archive.write',
  }),
  'archiv.recordAppraisal': method({
    kind: 'command',
    input: z.object({ source: MessageSource }),
    output: z.object({ prozessId: Uuid, appraisals: z.number().int() }),
    permission: 'archive.write',
  }),
  'archiv.list': method({
    kind: 'query',
    input: Empty,
    output: z.array(ArchivReceiptSummary),
    permission: 'archive.read',
  }),
  'archiv.get': method({
    kind: 'query',
    input: z.object({
      receiptId: Uuid,
      /** Objects from this position of the preorder on; a receipt of 20,000 files is read page by page. */
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(ARCHIV_PAGE_MAX).default(ARCHIV_PAGE),
    }),
    output: ArchivReceiptDetail,
    permission: 'archive.read',
  }),
  'archiv.confirm': method({
    kind: 'command',
    input: ByProzess.extend({ outDir: OutDir.optional() }),
    output: z.object({
      receipt: WrittenFile,
      importConfirmation: WrittenFile,
      accepted: z.boolean(),
      repeated: z.boolean(),
    }),
    permission: 'archive.write',
  }),
  'archiv.package': method({
    kind: 'command',
    input: ByProzess.extend({ outDir: OutDir.optional() }),
    output: z.object({
      target: z.string(),
      path: z.string(),
      files: z.number().int(),
      repeated: z.boolean(),
    }),
    permission: 'archive.write',
  }),
  'archiv.fixityRun': method({
    kind: 'command',
    input: Empty,
    output: ArchivFixityRun,
    permission: 'archive.write',
  }),
  'archiv.fixityRuns': method({
    kind: 'query',
    input: z.object({ limit: z.number().int().min(1).max(100).default(10) }),
    output: z.array(ArchivFixityRun),
    permission: 'archive.read',
  }),
} as const satisfies Record<string, MethodSpec>;
