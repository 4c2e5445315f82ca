import type { ReactNode } from 'react';
import type { QueryState } from '../api/use-query';
import { de } from '../i18n/de';
import { ErrorNotice } from './ErrorNotice';

/** Renders a query: its error (with retry), a loading line, or the data. */
export function Loaded<T>({ query, children }: { query: QueryState<T>; children: (data: T) => ReactNode }) {
  if (query.error) return <ErrorNotice error={query.error} onRetry={query.reload} />;
  if (query.data === undefined) return <Loading />;
  return <>{children(query.data)}</>;
}

export function Loading() {
  return (
    <p className="loading" role="status">
      {de.app.loading}
    </p>
  );
}
