import { forwardRef, useEffect, useRef, useState } from 'react';
import { de } from '../i18n/de';
import { navigate, useRoute } from '../routing/use-route';
import type { SearchRouteParams } from '../routing/routes';

const DEBOUNCE_MS = 250;

/** Focuses the first search result (↓ from the search box). */
export const focusFirstResult = () => document.querySelector<HTMLElement>('[data-search-result]')?.focus();

/**
 * The header's search box. Typing searches as you type: after a short pause the query goes into the
 * address (#/suche?q=…), which the search page follows; Enter searches at once.
 */
export const GlobalSearchBox = forwardRef<HTMLInputElement>(function GlobalSearchBox(_props, ref) {
  const route = useRoute();
  const routeParams: SearchRouteParams | null = route.name === 'search' ? route.params : null;
  const routeQ = routeParams?.q ?? '';
  const [text, setText] = useState(routeQ);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const paramsRef = useRef(routeParams);
  paramsRef.current = routeParams;

  // Follow the address when it changes from elsewhere (back button, a link), not while typing.
  useEffect(() => {
    if (document.activeElement !== inputRef.current) setText(routeQ);
  }, [routeQ]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const go = (q: string) => {
    clearTimeout(timer.current);
    const current = paramsRef.current;
    if (current && current.q === q) return;
    // Stay on one history entry while refining the query; the first search gets its own.
    navigate({ name: 'search', params: { ...(current ?? {}), q } }, { replace: current !== null });
  };

  return (
    <form
      role="search"
      className="global-search"
      onSubmit={(e) => {
        e.preventDefault();
        go(text);
      }}
    >
      <label htmlFor="global-search" className="visually-hidden">
        {de.search.boxLabel}
      </label>
      <input
        ref={(el) => {
          inputRef.current = el;
          if (typeof ref === 'function') ref(el);
          else if (ref) ref.current = el;
        }}
        id="global-search"
        type="search"
        value={text}
        placeholder={de.search.boxPlaceholder}
        autoComplete="off"
        spellCheck={false}
        aria-keyshortcuts="/"
        onChange={(e) => {
          const q = e.target.value;
          setText(q);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => go(q), DEBOUNCE_MS);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            focusFirstResult();
          }
        }}
      />
      <kbd className="search-kbd" aria-hidden="true">
        /
      </kbd>
    </form>
  );
});
