import type { AppError } from '../../contract/app-error';

/**
 * What Digitalisate need of the post room's intake, bound by the host to ocr/'s archive profile
 * (`createArchiveScanIntake`: format from content, the intake's limits, OCR copy never binarised).
 * Declared here because archive/ does not import ocr/.
 */
export interface ScanIntake {
  /** Files and folders of a scan batch expanded into files in name order; unreadable paths rejected alone. */
  collect(
    paths: readonly string[],
  ): Promise<({ kind: 'file'; path: string } | { kind: 'rejected'; path: string; error: AppError })[]>;
  /** Every page decoded once: pixel size and colour (throws the intake's AppError when unreadable). */
  readPages(
    bytes: Uint8Array,
    fileName: string,
  ): Promise<{
    format: string;
    pages: readonly { pageInFile: number; widthPx: number; heightPx: number; colour: 'bitonal' | 'grey' | 'colour' }[];
  }>;
  /** What a kept layer depends on (OCR settings, layer format): layers are reused only under the same profile. */
  readonly accessProfile: string;
  /** OCRs each page into its access-copy layer, handed to `keep` as soon as it is made; masters read in turn. */
  accessLayers(
    pages: readonly { fileName: string; pageInFile: number; read(): Promise<Uint8Array> }[],
    keep: (index: number, layer: Uint8Array) => Promise<void>,
  ): Promise<void>;
  /** A searchable PDF/A-2b of the layers in order (no OCR); each is read when its page's turn comes. */
  accessCopy(
    layers: readonly (() => Promise<Uint8Array>)[],
    meta: { title: string; createdAt: Date; documentId?: string; subject?: string },
  ): Promise<Uint8Array>;
  /** A small grey PNG of one page. */
  thumbnail(bytes: Uint8Array, fileName: string, pageInFile: number, maxWidth: number): Promise<Uint8Array>;
}
