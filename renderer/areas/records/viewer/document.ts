import type { TextRun } from './geometry';

/** Page size in PDF points, the page's own rotation applied. */
export interface PageSize {
  width: number;
  height: number;
}

export interface RenderJob {
  done: Promise<void>;
  cancel(): void;
}

/**
 * What the viewer needs from a loaded document. pdf.js implements it (pdf-js.ts); component tests use
 * a plain fake, since jsdom has neither workers nor canvas.
 */
export interface ViewerDocument {
  readonly numPages: number;
  pageSize(page: number): Promise<PageSize>;
  /** Draws the page into the canvas at `pixelScale` device pixels per point. */
  render(page: number, canvas: HTMLCanvasElement, pixelScale: number): RenderJob;
  textRuns(page: number): Promise<TextRun[]>;
  destroy(): void;
}
