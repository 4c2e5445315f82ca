import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ViewerDocument } from './document';
import { t } from './texts';
import { usePageRender } from './use-page-render';

const THUMB_WIDTH = 96;

interface ThumbnailsProps {
  doc: ViewerDocument;
  current: number;
  hitPages: ReadonlySet<number>;
  onSelect: (page: number) => void;
}

/** Small page images to jump to a page; drawn when scrolled into view, so long documents stay quick. */
export function Thumbnails({ doc, current, hitPages, onSelect }: ThumbnailsProps) {
  const pages = Array.from({ length: doc.numPages }, (_, i) => i + 1);
  return (
    <nav className="viewer-thumbs" aria-label={t.thumbnails}>
      <ol>
        {pages.map((p) => (
          <li key={p}>
            <button
              type="button"
              className={`viewer-thumb${p === current ? ' viewer-thumb-current' : ''}`}
              aria-current={p === current ? 'page' : undefined}
              aria-label={`${t.thumbnail(p)}${hitPages.has(p) ? `, ${t.hitMark}` : ''}`}
              onClick={() => onSelect(p)}
            >
              <Thumbnail doc={doc} page={p} />
              <span className="viewer-thumb-no" aria-hidden="true">
                {p}
                {hitPages.has(p) && <span className="viewer-thumb-hit"> ●</span>}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Thumbnail({ doc, page }: { doc: ViewerDocument; page: number }) {
  const holder = useRef<HTMLSpanElement>(null);
  const visible = useVisible(holder);
  return (
    <span ref={holder} className="viewer-thumb-image">
      {visible && <ThumbnailCanvas doc={doc} page={page} />}
    </span>
  );
}

function ThumbnailCanvas({ doc, page }: { doc: ViewerDocument; page: number }) {
  const { canvas, css } = usePageRender(doc, page, { width: THUMB_WIDTH });
  return <canvas ref={canvas} style={css} />;
}

/** Whether the element has come into view once (always true where IntersectionObserver is missing). */
function useVisible(ref: RefObject<HTMLElement | null>): boolean {
  const [seen, setSeen] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [ref, seen]);
  return seen;
}
