import type { KeyboardEvent } from 'react';
import type { SearchHit } from '../../../contract/schemas/search';
import { Snippet } from '../../components/Snippet';
import { de } from '../../i18n/de';
import { formatDate } from '../../i18n/format';
import { routeHref } from '../../routing/routes';

interface SearchResultsProps {
  hits: readonly SearchHit[];
  /** Without record access (Poststelle) hits are shown but not linked. */
  linkable: boolean;
  /** ↑ on the first hit goes back here. */
  onLeaveTop: () => void;
  /** Passed to the document, which opens at the first hit and marks it. */
  query?: string;
}

/** Hits with their highlighted snippets; ↑/↓/Pos1/Ende move between hits, Enter opens. */
export function SearchResults({ hits, linkable, onLeaveTop, query }: SearchResultsProps) {
  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>) => {
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-search-result]')];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (i < 0) return;
    const targets: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: items.length - 1 };
    const t = targets[e.key];
    if (t === undefined) return;
    e.preventDefault();
    if (t < 0) onLeaveTop();
    else items[Math.min(t, items.length - 1)]?.focus();
  };

  return (
    <ol className="results" aria-label={de.search.resultsLabel} onKeyDown={onKeyDown}>
      {hits.map((hit) => {
        const d = hit.document;
        const meta = [
          d.docType,
          d.sender,
          formatDate(d.documentDate ?? d.receivedAt),
          d.aktenzeichen ?? de.search.unfiled,
          d.amtId ? de.amt(d.amtId) : null,
        ].filter(Boolean);
        const body = (
          <>
            <span className="result-title">{d.title}</span>
            <span className="result-meta">{meta.join(' · ')}</span>
            <Snippet parts={hit.snippet} />
          </>
        );
        return (
          <li key={d.uuid} className="result">
            {linkable ? (
              <a className="result-link" href={routeHref({ name: 'document', uuid: d.uuid, q: query })} data-search-result="">
                {body}
              </a>
            ) : (
              <div className="result-link" tabIndex={0} data-search-result="">
                {body}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
