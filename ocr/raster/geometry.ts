/**
 * A word's box in PDF points, origin bottom-left of the page (PDF user space). The same shape as
 * archive/pdfa's WordBox, so recognised and extracted words go straight into the invisible text layer.
 */
export interface WordBox {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A box in image pixels, origin top-left, x1/y1 exclusive (Tesseract's convention). */
export interface PixelBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Converts a pixel box of an image scanned at `dpi` into PDF points on a page of that image's size. */
export function pixelBoxToPoints(
  box: PixelBox,
  imageHeightPx: number,
  dpi: { readonly x: number; readonly y: number },
): { x: number; y: number; w: number; h: number } {
  const sx = 72 / dpi.x;
  const sy = 72 / dpi.y;
  return {
    x: box.x0 * sx,
    y: (imageHeightPx - box.y1) * sy,
    w: (box.x1 - box.x0) * sx,
    h: (box.y1 - box.y0) * sy,
  };
}
