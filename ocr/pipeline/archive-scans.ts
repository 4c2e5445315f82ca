import type { Logger } from '../../core/platform/logger';
import { downscale, toGray, type PageImage } from '../raster';
import { collectFiles, type Collected } from '../sources';
import { createRealTools } from './real-tools';
import { archiveOcrSettings, type OcrSettings } from './settings';
import type { IntakeTools, PdfMeta, PdfPage } from './tools';

/**
 * The intake for the Stadtarchiv's own scanners (Digitalisate): the scanned file is the master and is
 * kept byte for byte by the caller; the intake reads it as the post room's does (format from content,
 * page and pixel limits) for its technical metadata, and makes the searchable access copy with the
 * archive's settings (`archiveOcrSettings`: the OCR copy is never binarised).
 */

export type ScanColour = 'bitonal' | 'grey' | 'colour';

export interface ScanPageInfo {
  /** 0-based page of the scanned file (multi-page TIFF). */
  readonly pageInFile: number;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly colour: ScanColour;
}

export interface ScannedFile {
  readonly format: 'pdf' | 'tiff' | 'jpeg' | 'png';
  readonly pages: readonly ScanPageInfo[];
}

/** A page of a master, as the access copy needs it; read when its turn comes (one master in memory). */
export interface MasterPage {
  readonly fileName: string;
  readonly pageInFile: number;
  read(): Promise<Uint8Array>;
}

function colourOf(image: PageImage): ScanColour {
  const { raster } = image;
  if (raster.channels !== 1) return 'colour';
  return raster.data.every((v) => v === 0 || v === 255) ? 'bitonal' : 'grey';
}

async function withPages<T>(
  tools: IntakeTools,
  settings: OcrSettings,
  file: { bytes: Uint8Array; fileName: string },
  fn: (opened: Awaited<ReturnType<IntakeTools['openDocument']>>) => Promise<T>,
): Promise<T> {
  const opened = await tools.openDocument(file.bytes, file.fileName, settings);
  try {
    return await fn(opened);
  } finally {
    await opened.document.close();
  }
}

/** Decodes every page once (one at a time) for pixel size and colour. */
export function readScanPages(
  tools: IntakeTools,
  settings: OcrSettings,
  bytes: Uint8Array,
  fileName: string,
): Promise<ScannedFile> {
  return withPages(tools, settings, { bytes, fileName }, async ({ format, document }) => {
    const pages: ScanPageInfo[] = [];
    for (let i = 0; i < document.pageCount; i++) {
      const image = await document.rasterize(i, settings.renderDpi);
      pages.push({
        pageInFile: i,
        widthPx: image.raster.width,
        heightPx: image.raster.height,
        colour: colourOf(image),
      });
    }
    return { format, pages };
  });
}

/**
 * The access copy's layer of each page in order, handed to `keep` as soon as it is made (so a long unit
 * is never held whole and what was made survives a failure later): each page prepared (upright, deskewed
 * grey copy, no binarisation with the archive settings) and recognised. Blank pages stay: an archival
 * unit keeps every page.
 */
export async function accessLayers(
  tools: IntakeTools,
  settings: OcrSettings,
  pages: readonly MasterPage[],
  keep: (index: number, layer: Uint8Array) => Promise<void>,
  signal: AbortSignal = new AbortController().signal,
): Promise<void> {
  for (const [n, page] of pages.entries()) {
    const file = { bytes: await page.read(), fileName: page.fileName };
    const image = await withPages(tools, settings, file, ({ document }) =>
      document.rasterize(page.pageInFile, settings.renderDpi),
    );
    const prepared = await tools.preparePage(image, signal);
    const { kept } = prepared;
    const ocr = prepared.ocr
      ? await tools.recognize(
          prepared.ocr,
          {
            width: kept.raster.width,
            height: kept.raster.height,
            dpi: kept.dpi,
            skewCorrection: prepared.skewCorrection,
          },
          { signal, page: n + 1 },
        )
      : null;
    await keep(
      n,
      encodeLayer({
        png: await tools.encodePng(kept),
        dpi: kept.dpi,
        words: ocr?.words ?? [],
        skewCorrection: prepared.skewCorrection,
      }),
    );
  }
}

/** Version of the layer bytes below; part of the profile, so a changed format is never read as the old one. */
const LAYER_FORMAT = 1;

/** A page's layer as bytes to keep: one line of JSON (resolution, words, deskew), then the PNG as it is. */
export function encodeLayer(page: PdfPage): Uint8Array {
  const head = { dpi: page.dpi, words: page.words, skewCorrection: page.skewCorrection ?? 0 };
  return Buffer.concat([Buffer.from(`${JSON.stringify(head)}\n`), page.png]);
}

export function decodeLayer(bytes: Uint8Array): PdfPage {
  const end = bytes.indexOf(0x0a); // JSON.stringify escapes newlines, so the first one ends the head
  const head = JSON.parse(Buffer.from(bytes.subarray(0, end)).toString('utf8')) as Omit<PdfPage, 'png'>;
  return { ...head, png: bytes.subarray(end + 1) };
}

/** What archive/digitalisate asks of the intake (bound by the host; archive/ does not import ocr/). */
export interface ArchiveScanIntake {
  collect(paths: readonly string[]): Promise<Collected[]>;
  readPages(bytes: Uint8Array, fileName: string): Promise<ScannedFile>;
  /** What a kept layer depends on (OCR settings, layer format): layers are reused only under the same profile. */
  readonly accessProfile: string;
  accessLayers(pages: readonly MasterPage[], keep: (index: number, layer: Uint8Array) => Promise<void>): Promise<void>;
  /** The searchable PDF/A-2b of the layers in order; each is read when its page's turn comes. */
  accessCopy(layers: readonly (() => Promise<Uint8Array>)[], meta: PdfMeta): Promise<Uint8Array>;
  /** A small grey PNG of one page, like the post room's review thumbnails. */
  thumbnail(bytes: Uint8Array, fileName: string, pageInFile: number, maxWidth: number): Promise<Uint8Array>;
}

/**
 * The real tools with the archive settings, made per call and closed after it (OCR workers included);
 * tests may wrap them (`makeTools`), e.g. to count recognitions.
 */
export function createArchiveScanIntake(
  logger: Logger,
  settings: OcrSettings = archiveOcrSettings(),
  makeTools: typeof createRealTools = createRealTools,
): ArchiveScanIntake {
  const using = async <T>(fn: (tools: IntakeTools) => Promise<T>): Promise<T> => {
    const tools = await makeTools(settings, logger);
    try {
      return await fn(tools);
    } finally {
      await tools.close();
    }
  };
  return {
    collect: collectFiles,
    readPages: (bytes, fileName) => using((tools) => readScanPages(tools, settings, bytes, fileName)),
    accessProfile: JSON.stringify({
      layer: LAYER_FORMAT,
      languages: settings.languages,
      renderDpi: settings.renderDpi,
      binarize: settings.binarize,
    }),
    accessLayers: (pages, keep) => using((tools) => accessLayers(tools, settings, pages, keep)),
    accessCopy: (layers, meta) =>
      using(async (tools) => {
        const pages: PdfPage[] = [];
        for (const read of layers) pages.push(decodeLayer(await read()));
        return tools.imagesToPdfA(pages, meta, null);
      }),
    thumbnail: (bytes, fileName, pageInFile, maxWidth) =>
      using((tools) =>
        withPages(tools, settings, { bytes, fileName }, async ({ document }) => {
          const image = await document.rasterize(pageInFile, settings.renderDpi);
          const factor = Math.max(1, Math.ceil(image.raster.width / maxWidth));
          return tools.encodePng({ raster: downscale(toGray(image.raster), factor), dpi: image.dpi });
        }),
      ),
  };
}
