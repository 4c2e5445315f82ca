import { boxBlur3, rotateGray, rotateQuarter, toGray, type GrayRaster, type PageImage, type QuarterTurn } from '../raster';
import { histogram, percentile, sauvola } from './binarize';
import { detectBlank, type BlankVerdict } from './blank';
import { estimateSkew } from './deskew';
import type { OrientationDetector } from './orientation';

export interface PrepareOptions {
  /** 'auto' binarises (Sauvola) only faint pages, whose ink is close to the paper tone. */
  readonly binarize?: 'auto' | 'always' | 'never';
  /** Skew below this (degrees) is left alone: resampling would cost more than it helps. */
  readonly minSkew?: number;
  readonly maxSkew?: number;
  /** OSD answers below this confidence are ignored (the page stays as scanned). */
  readonly minOrientationConfidence?: number;
}

export interface PreparedPage {
  readonly blank: BlankVerdict;
  /** Clockwise quarter turn applied to the kept image. */
  readonly rotation: QuarterTurn;
  readonly orientationConfidence: number | null;
  /** Rotation applied to the OCR copy only (degrees, see rotateGray). */
  readonly skewCorrection: number;
  readonly binarized: boolean;
  /** The original page, turned upright in 90° steps only: this is what is archived. */
  readonly kept: PageImage;
  /** The copy for recognition: grey, deskewed, binarised when faint. Null for blank pages. */
  readonly ocr: (PageImage & { readonly raster: GrayRaster }) | null;
}

/** Ink-to-paper contrast (grey levels) under which a page counts as faint. */
const FAINT_CONTRAST = 140;

function isFaint(g: GrayRaster): boolean {
  const h = histogram(g);
  return percentile(h, 0.5) - percentile(h, 0.005) < FAINT_CONTRAST;
}

/**
 * Prepares one page for recognition: blank test, orientation (0/90/180/270), skew and binarisation.
 * The kept image is never degraded; all corrections except the quarter turn apply to the OCR copy.
 */
export async function preparePage(
  page: PageImage,
  detector: OrientationDetector | null,
  options: PrepareOptions = {},
  signal?: AbortSignal,
): Promise<PreparedPage> {
  const dpi = Math.round((page.dpi.x + page.dpi.y) / 2);
  let gray = toGray(page.raster);
  const blank = detectBlank(gray, dpi);
  if (blank.blank) {
    return { blank, rotation: 0, orientationConfidence: null, skewCorrection: 0, binarized: false, kept: page, ocr: null };
  }
  signal?.throwIfAborted();
  const guess = detector ? await detector.detect(gray, dpi, signal) : null;
  const usable = guess && guess.confidence >= (options.minOrientationConfidence ?? 2);
  const rotation: QuarterTurn = usable ? guess.correction : 0;
  const kept: PageImage =
    rotation === 0
      ? page
      : { raster: rotateQuarter(page.raster, rotation), dpi: rotation === 180 ? page.dpi : { x: page.dpi.y, y: page.dpi.x } };
  gray = rotateQuarter(gray, rotation);

  signal?.throwIfAborted();
  const skew = estimateSkew(gray, dpi, options.maxSkew ?? 10);
  const skewCorrection = Math.abs(skew.correction) >= (options.minSkew ?? 0.3) ? skew.correction : 0;
  const mode = options.binarize ?? 'auto';
  const binarized = mode === 'always' || (mode === 'auto' && isFaint(gray));
  let ocr = rotateGray(gray, skewCorrection);
  if (binarized) ocr = sauvola(boxBlur3(ocr), Math.round(dpi / 7) | 1);
  return {
    blank,
    rotation,
    orientationConfidence: guess?.confidence ?? null,
    skewCorrection,
    binarized,
    kept,
    ocr: { raster: ocr, dpi: kept.dpi },
  };
}
