import { createHash } from 'node:crypto';
import { AppError } from '../../contract/app-error';
import { identifyFormat } from '../ingest/format-id';
import { imageInfo, tiffCompression } from '../ingest/image-info';
import type { ScanIntake } from './scan-intake';

/** Formats a master may have: lossless images only (a JPEG from a scanner has already lost detail). */
const LOSSLESS = new Set(['fmt/353', 'fmt/13']);
/** TIFF Compression values that are lossy: old-style and new-style JPEG. */
const LOSSY_TIFF = new Set([6, 7]);

export interface MasterPageMeta {
  readonly pageInFile: number;
  readonly width: number;
  readonly height: number;
  readonly dpi: number | null;
  readonly colour: 'bitonal' | 'grey' | 'colour';
}

export interface Master {
  readonly fileName: string;
  readonly sha256: string;
  readonly size: number;
  readonly puid: string;
  readonly formatName: string;
  readonly mimeType: string;
  readonly pages: readonly MasterPageMeta[];
}

/**
 * Technical metadata of one scanned file, which is kept unchanged as the master: PRONOM format from the
 * content, SHA-256, and per page pixel size, colour (decoded by the intake) and the resolution the file
 * states (none is recorded as none, not as a guessed default).
 */
export async function describeMaster(intake: ScanIntake, bytes: Buffer, fileName: string): Promise<Master> {
  const format = identifyFormat(bytes);
  const compression = format?.puid === 'fmt/353' ? tiffCompression(bytes) : undefined;
  const lossyTiff = compression !== undefined && LOSSY_TIFF.has(compression);
  if (!format || !LOSSLESS.has(format.puid) || lossyTiff)
    throw new AppError(
      'digitalisate.not_lossless',
      { name: fileName, format: lossyTiff ? 'TIFF mit JPEG-Kompression' : (format?.name ?? 'unbekannt') },
      `master format ${format?.puid ?? 'unknown'} refused`,
    );
  const decoded = await intake.readPages(bytes, fileName);
  // The header's resolution is that of the first image; multi-page scans are scanned at one setting.
  const dpi = imageInfo(bytes, format.mimeType)?.dpi ?? null;
  return {
    fileName,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    puid: format.puid,
    formatName: format.name,
    mimeType: format.mimeType,
    pages: decoded.pages.map((p) => ({
      pageInFile: p.pageInFile,
      width: p.widthPx,
      height: p.heightPx,
      dpi,
      colour: p.colour,
    })),
  };
}
