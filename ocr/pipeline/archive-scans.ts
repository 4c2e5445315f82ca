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
 * A searchable PDF/A-2b of the pages in order: each page prepared (upright, deskewed grey copy, no
 * binarisation with the archive settings), recognised, and embedded with its invisible text layer. Blank
 * pages stay: an archival unit keeps every page.
 */
export async function accessCopy(
  tools: IntakeTools,
  settings: OcrSettings,
  pages: readonly MasterPage[],
  meta: PdfMeta,
  signal: AbortSignal = new AbortController().signal,
): Promise<Uint8Array> {
  const pdfPages: PdfPage[] = [];
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
    pdfPages.push({
      png: await tools.encodePng(kept),
      dpi: kept.dpi,
      words: ocr?.words ?? [],
      skewCorrection: prepared.skewCorrection,
    });
  }
  return tools.imagesToPdfA(pdfPages, meta, null);
}

/** What archive/digitalisate asks of the intake (bound by the host; archive/ does not import ocr/). */
export interface ArchiveScanIntake {
  collect(paths: readonly string[]): Promise<Collected[]>;
  readPages(bytes: Uint8Array, fileName: string): Promise<ScannedFile>;
  accessCopy(pages: readonly MasterPage[], meta: PdfMeta): Promise<Uint8Array>;
  /** A small grey PNG of one page, like the post room's review thumbnails. */
  thumbnail(bytes: Uint8Array, fileName: string, pageInFile: number, maxWidth: number): Promise<Uint8Array>;
}

/** The real tools with the archive settings, made per call and closed after it (OCR workers included). */
export function createArchiveScanIntake(logger: Logger, settings: OcrSettings = archiveOcrSettings()): ArchiveScanIntake {
  const using = async <T>(fn: (tools: IntakeTools) => Promise<T>): Promise<T> => {
    const tools = await createRealTools(settings, logger);
    try {
      return await fn(tools);
    } finally {
      await tools.close();
    }
  };
  return {
    collect: collectFiles,
    readPages: (bytes, fileName) => using((tools) => readScanPages(tools, settings, bytes, fileName)),
    accessCopy: (pages, meta) => using((tools) => accessCopy(tools, settings, pages, meta)),
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
