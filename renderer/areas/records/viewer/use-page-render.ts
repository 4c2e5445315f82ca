import { useEffect, useRef, useState } from 'react';
import type { PageSize, ViewerDocument } from './document';

/** CSS pixels per point, or a fixed width in CSS pixels (thumbnails). */
export type PageScale = { zoom: number } | { width: number };

/**
 * Draws one page into a canvas, sharp on high-density screens; a newer zoom or page cancels the drawing
 * still under way.
 */
export function usePageRender(doc: ViewerDocument, page: number, scale: PageScale, onDrawn?: () => void) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<PageSize | null>(null);
  const [failed, setFailed] = useState(false);
  // Which page and zoom the canvas shows completely; anything else means a drawing is under way.
  const [drawnAt, setDrawnAt] = useState<string | null>(null);
  const drawn = useRef(onDrawn);
  useEffect(() => {
    drawn.current = onDrawn;
  });

  useEffect(() => {
    let live = true;
    doc.pageSize(page).then(
      (s) => live && setSize(s),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [doc, page]);

  const fixedWidth = 'width' in scale ? scale.width : null;
  const zoom = size && fixedWidth !== null ? fixedWidth / size.width : 'zoom' in scale ? scale.zoom : 1;

  useEffect(() => {
    const el = canvas.current;
    if (!el || !size) return;
    const job = doc.render(page, el, zoom * (window.devicePixelRatio || 1));
    job.done.then(
      () => {
        setDrawnAt(`${page}@${zoom}`);
        drawn.current?.();
      },
      (err: unknown) => {
        if (err instanceof Error && err.name === 'RenderingCancelledException') return;
        console.warn('page not drawn', page, err instanceof Error ? err.name : err);
        setFailed(true);
      },
    );
    return () => job.cancel();
  }, [doc, page, zoom, size]);

  const css = size ? { width: size.width * zoom, height: size.height * zoom } : undefined;
  return { canvas, size, zoom, css, failed, busy: drawnAt !== `${page}@${zoom}` };
}
