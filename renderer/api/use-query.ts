import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from './api-error';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data when `deps` change. Answers to superseded requests are dropped, so fast typing or
 * navigation never shows an older result over a newer one. The previous data stays while reloading.
 */
export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[]): QueryState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: ApiError | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    loadRef.current().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (err: unknown) => current && setState((s) => ({ ...s, error: toApiError(err), loading: false })),
    );
    return () => {
      current = false;
    };
    // The caller's deps decide when to load; `load` itself changes on every render.
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}

export interface CommandState<A extends unknown[], T> {
  run: (...args: A) => Promise<T | undefined>;
  pending: boolean;
  error: ApiError | null;
}

/** A write action: pending flag against double submits, the error kept for display with a retry. */
export function useCommand<A extends unknown[], T>(action: (...args: A) => Promise<T>): CommandState<A, T> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const actionRef = useRef(action);
  actionRef.current = action;
  const busy = useRef(false);

  const run = useCallback(async (...args: A) => {
    if (busy.current) return undefined;
    busy.current = true;
    setPending(true);
    setError(null);
    try {
      return await actionRef.current(...args);
    } catch (err) {
      setError(toApiError(err));
      return undefined;
    } finally {
      busy.current = false;
      setPending(false);
    }
  }, []);
  return { run, pending, error };
}
