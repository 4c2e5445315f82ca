import { useEffect, useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHead } from '../../components/PageHead';
import { de } from '../../i18n/de';
import { formatNumber } from '../../i18n/format';
import type { SearchRouteParams } from '../../routing/routes';
import { navigate } from '../../routing/use-route';
import { mayOpenDocuments } from '../../session/roles';
import { useUser } from '../../session/SessionProvider';
import { SavedSearches } from './SavedSearches';
import { SearchFilters } from './SearchFilters';
import { SearchResults } from './SearchResults';
import { useSearch } from './use-search';

/** Results for the header's search box; query and filters live in the address. */
export function SearchPage({ params }: { params: SearchRouteParams }) {
  const api = useApi();
  const user = useUser();
  const aemter = useQuery(() => api.call('aemter.list', {}), []);
  const search = useSearch(params);
  const [docTypes, setDocTypes] = useState<string[]>([]);

  // Remember document types seen, so the filter can suggest them (there is no list of types in the API).
  useEffect(() => {
    setDocTypes((prev) => {
      const next = new Set(prev);
      for (const h of search.hits) if (h.document.docType) next.add(h.document.docType);
      return next.size === prev.length ? prev : [...next].sort((a, b) => a.localeCompare(b, 'de'));
    });
  }, [search.hits]);

  const stale = search.answeredFor !== JSON.stringify(params);
  return (
    <div className="page">
      <PageHead title={de.search.title}>
        <p className="page-count" role="status" aria-live="polite">
          {params.q.trim() && search.answeredFor !== null
            ? de.search.count(formatNumber(search.total), search.totalExact)
            : ''}
        </p>
      </PageHead>
      <div className="columns">
        <SavedSearches params={params} />
        <div className="column-main">
          <SearchFilters
            params={params}
            aemter={aemter.data ?? []}
            docTypes={docTypes}
            onChange={(next) => navigate({ name: 'search', params: next }, { replace: true })}
          />
          <p className="hint">{de.search.keyboardHint}</p>
          {search.error && <ErrorNotice error={search.error} onRetry={search.retry} />}
          {!params.q.trim() ? (
            <p className="empty-state">{de.search.prompt}</p>
          ) : (
            <div
              className={stale && search.loading ? 'results-wrap is-stale' : 'results-wrap'}
              aria-busy={search.loading}
            >
              {search.answeredFor !== null && search.total === 0 && (
                <p className="empty-state">{de.search.none}</p>
              )}
              <SearchResults
                hits={search.hits}
                linkable={mayOpenDocuments(user)}
                query={params.q}
                onLeaveTop={() => document.getElementById('global-search')?.focus()}
              />
              {search.hits.length < search.total && (
                <button type="button" className="btn" onClick={search.loadMore} disabled={search.loading}>
                  {de.search.more}
                </button>
              )}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
