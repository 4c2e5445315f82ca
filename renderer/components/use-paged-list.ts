import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../api/api-error';

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface PagedList<T> {
  /** Null until the first page arrived. */
  total: number | null;
  item: (index: number) => T | undefined;
  /** Load the pages that cover [start, end) and are not loaded yet. */
  ensureRange: (start: number, end: number) => void;
  error: ApiError | null;
  reload: () => void;
}

/**
 * Pages of a long server-side list, fetched as they scroll into view (for VirtualList). A change of
 * `deps` (filter, Aktenplan entry) starts over; answers for an older filter are dropped.
 */
export function usePagedList<T>(
  fetchPage: (offset: number, limit: number) => Promise<Paged<T>>,
  deps: readonly unknown[],
  pageSize = 100,
): PagedList<T> {
  const [pages, setPages] = useState<ReadonlyMap<number, T[]>>(new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const requested = useRef(new Set<number>());
  const genRef = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const loadPage = useCallback(
    (page: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      const gen = genRef.current;
      fetchRef.current(page * pageSize, pageSize).then(
        (res) => {
          if (gen !== genRef.current) return;
          setTotal(res.total);
          setPages((prev) => new Map(prev).set(page, res.items));
        },
        (err: unknown) => {
          if (gen !== genRef.current) return;
          requested.current.delete(page);
          setError(toApiError(err));
        },
      );
    },
    [pageSize],
  );

  useEffect(() => {
    genRef.current += 1;
    requested.current = new Set();
    setPages(new Map());
    setTotal(null);
    setError(null);
    loadPage(0);
    // Reset whenever the caller's deps or a reload change.
  }, [...deps, generation, loadPage]);

  const ensureRange = useCallback(
    (start: number, end: number) => {
      for (let p = Math.floor(start / pageSize); p <= Math.floor(Math.max(start, end - 1) / pageSize); p++) loadPage(p);
    },
    [loadPage, pageSize],
  );

  const item = useCallback((index: number) => pages.get(Math.floor(index / pageSize))?.[index % pageSize], [pages, pageSize]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { total, item, ensureRange, error, reload };
}
