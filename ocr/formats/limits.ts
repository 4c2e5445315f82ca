import { AppError } from '../../contract/app-error';

/** Caps against hostile or absurd input, checked before anything large is allocated. */
export interface IntakeLimits {
  /** Pixels per page (width × height) at the resolution the page would be decoded at. */
  readonly maxPixels: number;
  readonly maxPages: number;
}

// 120 MP holds A3 at 600 dpi (≈ 70 MP) with room; a 30,000 × 30,000 image (900 MP) is refused.
export const defaultIntakeLimits: IntakeLimits = { maxPixels: 120_000_000, maxPages: 500 };

export function assertPixels(width: number, height: number, page: number, limits: IntakeLimits): void {
  if (!(width > 0 && height > 0)) {
    throw new AppError('intake.image_broken', { format: 'Bild' }, `page ${page} has no size (${width}x${height})`);
  }
  if (width * height > limits.maxPixels) {
    throw new AppError(
      'intake.image_too_large',
      { page, width: Math.round(width), height: Math.round(height), maxMegapixels: Math.round(limits.maxPixels / 1e6) },
      `page ${page} is ${Math.round(width)}x${Math.round(height)} px, over the pixel cap`,
    );
  }
}

export function assertPageCount(pages: number, limits: IntakeLimits): void {
  if (pages > limits.maxPages) {
    throw new AppError('intake.too_many_pages', { pages, max: limits.maxPages }, `${pages} pages, cap ${limits.maxPages}`);
  }
}
