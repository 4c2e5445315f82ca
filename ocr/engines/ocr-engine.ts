import type { GrayRaster, PageImage, PixelBox, WordBox } from '../raster';

/** A recognised word: its box in PDF points on the kept page, plus the pixel box and confidence. */
export interface OcrWord extends WordBox {
  /** 0–100, Tesseract's word confidence. */
  readonly confidence: number;
  /** Pixel box on the kept page image (origin top-left). */
  readonly px: PixelBox;
}

/** What an engine returns for one image, in that image's pixels. */
export interface RawRecognition {
  readonly text: string;
  /** Mean word confidence 0–100. */
  readonly confidence: number;
  readonly words: readonly { readonly text: string; readonly confidence: number; readonly bbox: PixelBox }[];
  /** hOCR 1.2 markup of the page (coordinates in the recognised image's pixels). */
  readonly hocr: string;
}

export interface RecognizeOptions {
  readonly signal?: AbortSignal;
  /** 0…1 while this page is being recognised. */
  readonly onProgress?: (fraction: number) => void;
  /** 1-based page number, for error messages and logs. */
  readonly page?: number;
}

/** An OCR engine behind a small interface, so stages can run with a fake that fails on request. */
export interface OcrEngine {
  recognize(image: PageImage & { readonly raster: GrayRaster }, options?: RecognizeOptions): Promise<RawRecognition>;
  close(): Promise<void>;
}
