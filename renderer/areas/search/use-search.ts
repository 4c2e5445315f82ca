import { useEffect, useState } from 'react';
import type { SearchHit } from '../../../contract/schemas/search';
import { toApiError, type ApiError } from '../../api/api-error';
import { useApi } from '../../api/ApiProvider';
import type { SearchRouteParams } from '../../routing/routes';

const PAGE = 25;

export interface SearchState {
  hits: SearchHit[];
  total: number;
  totalExact: boolean;
  /** The query these results belong to; null before the first answer. */
  answeredFor: string | null;
  loading: boolean;
  error: ApiError | null;
  loadMore: () => void;
  retry: () => void;
}

/** Runs the search for the address's query and filters; "more" appends the next page. */
export function useSearch(params: SearchRouteParams): SearchState {
  const api = useApi();
  const key = JSON.stringify(params);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [total, setTotal] = useState(0);
  const [totalExact, setTotalExact] = useState(true);
  const [answeredFor, setAnsweredFor] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  // A new query or filter starts at the first page.
  useEffect(() => setOffset(0), [key]);

  useEffect(() => {
    const { q, ...filters } = JSON.parse(key) as SearchRouteParams;
    if (!q.trim()) {
      setHits([]);
      setTotal(0);
      setAnsweredFor(null);
      setError(null);
      return;
    }
    let live = true;
    setLoading(true);
    setError(null);
    api.call('search.query', { q, filters, limit: PAGE, offset }).then(
      (r) => {
        if (!live) return;
        setHits((prev) => (offset === 0 ? r.hits : [...prev, ...r.hits]));
        setTotal(r.total);
        setTotalExact(r.totalExact);
        setAnsweredFor(key);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(toApiError(err));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [api, key, offset, attempt]);

  return {
    hits,
    total,
    totalExact,
    answeredFor,
    loading,
    error,
    loadMore: () => setOffset(hits.length),
    retry: () => setAttempt((n) => n + 1),
  };
}
