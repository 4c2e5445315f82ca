import type { ErrorCode, ErrorParams } from '../../contract/errors';
import type { Channel } from '../../contract/schemas/records';
import type { FileRef } from '../../core/jobs';
import type { BlobRef } from '../../core/store/blobs/blob-store';
import type { WordBox } from '../raster';

/**
 * The data that flows through the intake pipeline. Everything here is stored as JSON between stages
 * (work files and job rows), so it is plain data: references to files, never bytes.
 */

/** A code with parameters: a Klärfall's reason, or a notice that did not stop the job. */
export interface Notice {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
}

/** The input of a batch job: one source file as it arrived, with everything the Posteingang records. */
export interface IntakeSource {
  /** The file as it arrived, stored unchanged in the blob store (also for Klärfälle). */
  readonly original: BlobRef & { readonly fileName: string };
  readonly posteingang: {
    readonly channel: Channel;
    readonly sender: string | null;
    readonly receivedAt: string;
  };
  /** Who took it in, from where, with which device (TR-RESISCAN scan protocol). */
  readonly scan: {
    readonly origin: 'datei' | 'eingangsordner' | 'upload' | 'scanner';
    readonly device: string | null;
    readonly operator: string;
    readonly takenAt: string;
  };
  readonly options: {
    readonly forceOcr: boolean;
    readonly stamp: boolean;
    readonly amtId: string | null;
    /** Scanned documents wait for the post room before they are stored (review stage). */
    readonly review: boolean;
  };
}

export interface Detected {
  readonly source: IntakeSource;
  readonly kind: 'mail' | 'document';
  readonly notices: readonly Notice[];
}

/** One page of a source file, decoded into the work folder. */
export interface PageRecord {
  /** 0-based position in the source file (shown 1-based in reports). */
  readonly index: number;
  /** The page image as decoded or rendered (PNG), what is archived for scans. */
  readonly image: FileRef;
  readonly dpi: { readonly x: number; readonly y: number };
  /** Page size in PDF points. */
  readonly size: { readonly width: number; readonly height: number };
  /** The text layer a PDF page already has (printer OCR, born-digital); null for images. */
  readonly text: {
    readonly text: string;
    readonly words: readonly WordBox[];
    readonly characters: number;
  } | null;
}

/** A file that becomes one or more documents: the source itself, or one e-mail attachment. */
export type Part =
  | {
      readonly kind: 'pages';
      readonly label: string;
      readonly fileName: string;
      readonly file: BlobRef;
      readonly format: 'pdf' | 'tiff' | 'jpeg' | 'png';
      readonly pages: readonly PageRecord[];
      /** Scans are split at separator sheets; e-mail attachments are one document each. */
      readonly separable: boolean;
    }
  | {
      readonly kind: 'mail';
      readonly label: string;
      readonly fileName: string;
      readonly file: BlobRef;
      readonly subject: string;
      readonly text: string;
      readonly messageId: string | null;
      readonly sentAt: string | null;
      readonly attachmentCount: number;
    }
  /** An attachment that could not be opened: its child job stops as a Klärfall with this code. */
  | {
      readonly kind: 'failed';
      readonly label: string;
      readonly fileName: string;
      readonly file: BlobRef;
      readonly error: Notice;
    };

export interface Normalized {
  readonly source: IntakeSource;
  readonly parts: readonly Part[];
  readonly notices: readonly Notice[];
}

/** The input of a document job (one child of a batch). */
export interface DocumentInput {
  readonly source: IntakeSource;
  readonly part: Part;
  /** The part's pages that belong to this document (separator sheets removed). */
  readonly pages: readonly PageRecord[];
  /** `EAKTE:AZ=…` of the separator sheet in front of this document. */
  readonly aktenzeichen: string | null;
  /** Position among the batch's documents, for the title. */
  readonly documentNo: number;
  readonly documentCount: number;
  readonly notices: readonly Notice[];
}

/** A page on its way to the PDF: prepared image and recognised or extracted words. */
export interface DocumentPage extends PageRecord {
  /** True when the page has no usable text layer, or OCR is forced. */
  readonly needsOcr: boolean;
  /** Upright image to archive (after quarter turns); absent until preprocess ran. */
  readonly kept?: {
    readonly image: FileRef;
    readonly dpi: { readonly x: number; readonly y: number };
    readonly widthPx: number;
    readonly heightPx: number;
    /** Clockwise quarter turn applied to the scan. */
    readonly rotation: number;
    /** Deskew applied to the OCR copy only (degrees); recognised boxes are mapped back. */
    readonly skew: number;
  };
  /** The grey, deskewed copy for the OCR engine (same pixel size as the kept image). */
  readonly ocrImage?: FileRef;
  readonly ocr?: { readonly text: string; readonly words: readonly WordBox[]; readonly confidence: number };
}

export interface DocumentState extends Omit<DocumentInput, 'pages'> {
  /**
   * keep-pdf: every page already has text and OCR is not forced: the PDF's own pages are kept.
   * images: pages are archived as images with an invisible text layer.
   * file: not a page document (the e-mail itself); stored as it arrived.
   */
  readonly mode: 'keep-pdf' | 'images' | 'file';
  readonly pages: readonly DocumentPage[];
  /** 1-based source page numbers dropped as blank backs. */
  readonly blankPagesRemoved: readonly number[];
}

/** The finished document, already in the blob store, waiting for the commit. */
export interface Assembled {
  readonly state: Omit<DocumentState, 'pages'> & { readonly pageCount: number };
  readonly file: BlobRef & { readonly fileName: string; readonly mimeType: string };
  /** Word boxes per page (JSON), stored beside the version for search-hit highlighting. */
  readonly words: BlobRef | null;
  readonly title: string;
  readonly text: string;
  readonly ocr: {
    readonly performed: boolean;
    readonly pagesRecognized: number;
    readonly meanConfidence: number | null;
  };
  /** For the scan protocol: resolutions of the stored pages, and which source pages were turned upright. */
  readonly scan: { readonly dpi: readonly number[]; readonly rotatedPages: readonly number[] };
}
