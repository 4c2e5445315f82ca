import type { GrayRaster, QuarterTurn } from '../raster';

export interface OrientationGuess {
  /** Clockwise quarter turn that puts the text upright. */
  readonly correction: QuarterTurn;
  /** The detector's own confidence (Tesseract OSD: roughly 0–50; below ~2 it is guessing). */
  readonly confidence: number;
}

/** Decides how a page must be turned to be upright; implemented by engines (Tesseract OSD). */
export interface OrientationDetector {
  detect(page: GrayRaster, dpi: number, signal?: AbortSignal): Promise<OrientationGuess | null>;
}
