import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice';
import type { ViewerDocument } from './document';
import { firstHitPage, nextHitPage, stepZoom } from './geometry';
import { PageView } from './PageView';
import { t } from './texts';
import { Thumbnails } from './Thumbnails';
import type { HitsState } from './use-hits';

interface PdfViewerProps {
  doc: ViewerDocument;
  fileName: string;
  hits: HitsState;
}

/**
 * A PDF page by page: thumbnails, page field, zoom, search hits marked on the page (opening at the
 * first page with a hit), all by keyboard as well (keys listed under the toolbar).
 */
export function PdfViewer({ doc, fileName, hits }: PdfViewerProps) {
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(1);
  const hitPages = useMemo(() => (hits.status === 'ready' ? hits.pages : []), [hits]);
  const hitPageSet = useMemo(() => new Set(hitPages.map((h) => h.page)), [hitPages]);
  const count = hitPages.reduce((n, h) => n + h.boxes.length, 0);

  // Open at the first hit as soon as the hits are known.
  useEffect(() => {
    if (hitPages.length) setPage(firstHitPage(hitPages));
  }, [hitPages]);

  const goTo = (p: number) => setPage(Math.max(1, Math.min(doc.numPages, p)));
  const nextHit = () => {
    const p = nextHitPage(hitPages, page);
    if (p !== null) setPage(p);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
    const actions: Record<string, () => void> = {
      PageDown: () => goTo(page + 1),
      ArrowRight: () => goTo(page + 1),
      PageUp: () => goTo(page - 1),
      ArrowLeft: () => goTo(page - 1),
      Home: () => goTo(1),
      End: () => goTo(doc.numPages),
      '+': () => setZoom((z) => stepZoom(z, 1)),
      '-': () => setZoom((z) => stepZoom(z, -1)),
      '0': () => setZoom(1),
      t: nextHit,
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  return (
    <section className="viewer" aria-label={t.label(fileName)} tabIndex={0} onKeyDown={onKeyDown}>
      <div className="viewer-toolbar" role="toolbar" aria-label={t.toolbar}>
        <button type="button" className="btn btn-small" onClick={() => goTo(page - 1)} disabled={page <= 1}>
          {t.previous}
        </button>
        <label className="viewer-pagefield">
          <span>{t.pageInput}</span>
          <input
            type="number"
            min={1}
            max={doc.numPages}
            value={page}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1) goTo(n);
            }}
          />
          <span>{t.pageOf(doc.numPages)}</span>
        </label>
        <button type="button" className="btn btn-small" onClick={() => goTo(page + 1)} disabled={page >= doc.numPages}>
          {t.next}
        </button>
        <span className="viewer-sep" aria-hidden="true" />
        <button type="button" className="btn btn-small" aria-label={t.zoomOut} onClick={() => setZoom((z) => stepZoom(z, -1))}>
          −
        </button>
        <output className="viewer-zoom" aria-live="polite">
          {t.zoom(Math.round(zoom * 100))}
        </output>
        <button type="button" className="btn btn-small" aria-label={t.zoomIn} onClick={() => setZoom((z) => stepZoom(z, 1))}>
          +
        </button>
        <button type="button" className="btn btn-small" onClick={() => setZoom(1)}>
          {t.zoomReset}
        </button>
        {hitPages.length > 0 && (
          <button type="button" className="btn btn-small" onClick={nextHit}>
            {t.nextHit}
          </button>
        )}
      </div>
      <p className="viewer-keys small muted">{t.keys}</p>
      {hits.status === 'loading' && <p className="small muted">{t.hitsLoading}</p>}
      {hits.status === 'ready' && (
        <p className="viewer-hitcount small" role="status">
          {t.hits(
            count,
            hitPages.map((h) => h.page),
          )}
        </p>
      )}
      {hits.status === 'failed' && <ErrorNotice error={hits.error} />}
      <div className="viewer-body">
        <Thumbnails doc={doc} current={page} hitPages={hitPageSet} onSelect={goTo} />
        {/* Focusable so the page can be scrolled by keyboard when it is larger than the stage (axe: scrollable-region-focusable). */}
        <div className="viewer-stage" tabIndex={0}>
          <PageView key={page} doc={doc} page={page} zoom={zoom} boxes={hitPages.find((h) => h.page === page)?.boxes ?? []} />
        </div>
      </div>
    </section>
  );
}
