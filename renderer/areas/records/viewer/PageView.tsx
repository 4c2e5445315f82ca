import { useEffect, useState } from 'react';
import type { PageBox } from '../../../../contract/methods/viewer';
import type { ViewerDocument } from './document';
import { boxToCss } from './geometry';
import { t } from './texts';
import { usePageRender } from './use-page-render';

interface PageViewProps {
  doc: ViewerDocument;
  page: number;
  zoom: number;
  /** Hits on this page in PDF points. */
  boxes: readonly PageBox[];
}

/**
 * The current page as an image with the search hits marked on it, and its text (the PDF's own or the
 * OCR layer) for screen readers.
 */
export function PageView({ doc, page, zoom, boxes }: PageViewProps) {
  const text = usePageText(doc, page);
  const { canvas, size, css, failed, busy } = usePageRender(doc, page, { zoom }, () =>
    // Bring the first hit into view once the page is drawn (long pages, high zoom).
    canvas.current?.parentElement?.querySelector('.viewer-hit')?.scrollIntoView?.({ block: 'center', inline: 'nearest' }),
  );
  if (failed) return <p className="notice notice-error">{t.failed}</p>;
  return (
    <div className="viewer-page" data-page={page} style={css}>
      <canvas ref={canvas} className="viewer-canvas" role="img" aria-label={t.page(page, doc.numPages)} aria-busy={busy} style={css} />
      {text && <div className="visually-hidden">{text}</div>}
      {size && (
        <div className="viewer-hits" aria-hidden="true">
          {boxes.map((b, i) => (
            <mark key={i} className="viewer-hit" style={boxToCss(b, size.height, zoom)} />
          ))}
        </div>
      )}
    </div>
  );
}

function usePageText(doc: ViewerDocument, page: number): string {
  const [text, setText] = useState('');
  useEffect(() => {
    let live = true;
    doc.textRuns(page).then(
      (runs) => live && setText(runs.map((r) => r.str).join(' ').replace(/\s+/g, ' ').trim()),
      () => undefined, // the page image stays; only the spoken text is missing
    );
    return () => {
      live = false;
    };
  }, [doc, page]);
  return text;
}
