import { z } from 'zod';
import { Empty, IsoDateTime, Sha256Hex, Uuid } from '../schemas/common';
import { OutDir, ReadPath } from '../fs-paths';
import { method, type MethodSpec } from '../method-spec';


const text = (max: number) => z.string().trim().min(1).max(max);

/** Descriptive metadata of a Verzeichnungseinheit (the archive's finding aid fields). */
export const DigitalisatFields = z.object({
  bestand: text(200),
  signatur: text(100),
  titel: text(1000),
  /** A year or a span of years, e.g. `1890` or `1890-1912` (checked further by the core). */
  laufzeit: text(50),
  provenienz: text(500),
});
export type DigitalisatFields = z.infer<typeof DigitalisatFields>;

/** One page with the technical metadata of its master file (as scanned, kept unchanged). */
export const DigitalisatPage = z.object({
  position: z.number().int(),
  fileName: z.string(),
  sha256: Sha256Hex,
  size: z.number().int(),
  /** 0-based page inside the master (multi-page TIFF). */
  pageInFile: z.number().int(),
  puid: z.string(),
  formatName: z.string(),
  mimeType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** As the file states it; null when it states none. */
  dpi: z.number().int().nullable(),
  colour: z.enum(['bitonal', 'grey', 'colour']),
  addedAt: IsoDateTime,
});
export type DigitalisatPage = z.infer<typeof DigitalisatPage>;

export const DigitalisatSubmission = z.object({ target: z.string(), path: z.string(), pages: z.number().int(), at: IsoDateTime });

export const DigitalisatSummary = DigitalisatFields.extend({
  unitId: Uuid,
  pageCount: z.number().int(),
  createdAt: IsoDateTime,
  createdBy: z.string(),
  /** The latest submission package, if any. */
  submission: DigitalisatSubmission.nullable(),
});
export type DigitalisatSummary = z.infer<typeof DigitalisatSummary>;

export const DigitalisatDetail = DigitalisatSummary.extend({ pages: z.array(DigitalisatPage) });
export type DigitalisatDetail = z.infer<typeof DigitalisatDetail>;

const ByUnit = z.object({ unitId: Uuid });

/**
 * Digitalisate: the Stadtarchiv's own scanned holdings as units (Bestand → Verzeichnungseinheit → pages),
 * packaged for DiPS.kommunal like an Aussonderung. Archivists only.
 */
export const digitalisateMethods = {
  'digitalisate.createUnit': method({
    kind: 'command',
    input: DigitalisatFields,
    output: DigitalisatDetail,
    permission: 'archive.write',
  }),
  'digitalisate.addPages': method({
    kind: 'command',
    input: ByUnit.extend({
      /** Scanned files or folders of a scan batch (files in name order). */
      paths: z.array(ReadPath).max(1000).default([]),
      /** Browser mode: scans sent before with `PUT /files/upload` (streamed: masters are 50-200 MB each). */
      uploads: z.array(Uuid).max(1000).default([]),
    }).refine((i) => i.paths.length + i.uploads.length > 0, { message: 'paths or uploads required' }),
    output: z.object({
      unit: DigitalisatDetail,
      /** Files not taken (not a lossless image, unreadable); they stay where they were. */
      rejected: z.array(z.object({ fileName: z.string(), code: z.string(), message: z.string() })),
    }),
    permission: 'archive.write',
  }),
  'digitalisate.list': method({
    kind: 'query',
    input: Empty,
    output: z.array(DigitalisatSummary),
    permission: 'archive.read',
  }),
  'digitalisate.get': method({
    kind: 'query',
    input: ByUnit,
    output: DigitalisatDetail,
    permission: 'archive.read',
  }),
  'digitalisate.pageThumbnail': method({
    kind: 'query',
    input: ByUnit.extend({ position: z.number().int().min(1) }),
    /** A small grey PNG, `data:image/png;base64,…` (about 160 px wide). */
    output: z.object({ thumbnail: z.string() }),
    permission: 'archive.read',
  }),
  'digitalisate.package': method({
    kind: 'command',
    input: ByUnit.extend({ outDir: OutDir.optional() }),
    output: z.object({ target: z.string(), path: z.string(), files: z.number().int(), repeated: z.boolean() }),
    permission: 'archive.write',
  }),
} as const satisfies Record<string, MethodSpec>;
