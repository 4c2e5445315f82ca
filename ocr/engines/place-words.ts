import { unskewBox } from '../prepare';
import { pixelBoxToPoints, type PixelBox } from '../raster';
import type { OcrWord, RawRecognition } from './ocr-engine';

export interface Placement {
  /** Kept page image size in pixels (the OCR copy has the same size). */
  readonly width: number;
  readonly height: number;
  readonly dpi: { readonly x: number; readonly y: number };
  /** The deskew rotation that was applied to the OCR copy (0 when none). */
  readonly skewCorrection: number;
}

/** Puts recognised words onto the kept page: undoes the deskew, then converts pixels to PDF points. */
export function placeWords(raw: RawRecognition, at: Placement): OcrWord[] {
  return raw.words.map((w) => {
    const px: PixelBox = unskewBox(w.bbox, at.width, at.height, at.skewCorrection);
    return { text: w.text, confidence: w.confidence, px, ...pixelBoxToPoints(px, at.height, at.dpi) };
  });
}
