import { useId, useState, type FormEvent } from 'react';
import type { SavedSearch } from '../../../contract/schemas/workspace';
import { useApi } from '../../api/ApiProvider';
import { useCommand, useQuery } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { de } from '../../i18n/de';
import { routeHref, type SearchRouteParams } from '../../routing/routes';

/** The filters a search route can carry; a saved search may hold more (e.g. an Akte) than the address shows. */
const toParams = (s: SavedSearch): SearchRouteParams => ({
  q: s.q,
  amtId: s.filters.amtId,
  status: s.filters.status,
  docType: s.filters.docType,
  dateFrom: s.filters.dateFrom,
  dateTo: s.filters.dateTo,
});

/** The user's saved searches beside the results, and saving the current query with its filters under a name. */
export function SavedSearches({ params }: { params: SearchRouteParams }) {
  const api = useApi();
  const id = useId();
  const [name, setName] = useState('');
  const [flash, setFlash] = useState<string | null>(null);
  const list = useQuery(() => api.call('savedSearches.list', {}), []);
  const { q, ...filters } = params;
  const save = useCommand(async () => {
    const saved = await api.call('savedSearches.save', { name, q, filters });
    setName('');
    setFlash(de.savedSearches.saved(saved.name));
    list.reload();
  });
  const remove = useCommand(async (uuid: string) => {
    await api.call('savedSearches.delete', { uuid });
    list.reload();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };

  return (
    <aside className="panel column-side saved-searches" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {de.savedSearches.title}
      </h2>
      {(list.data ?? []).length === 0 ? (
        <p className="empty-state">{de.savedSearches.none}</p>
      ) : (
        <ul className="link-list">
          {(list.data ?? []).map((s) => (
            <li key={s.uuid} className="saved-search">
              <a href={routeHref({ name: 'search', params: toParams(s) })}>
                <span className="link-title">{s.name}</span>
                <span className="small muted">{s.q}</span>
              </a>
              <button
                type="button"
                className="btn btn-small btn-quiet"
                aria-label={de.savedSearches.remove(s.name)}
                onClick={() => void remove.run(s.uuid)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {remove.error && <ErrorNotice error={remove.error} />}
      {q.trim() && (
        <form className="saved-search-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-name`} className="field-label">
              {de.savedSearches.name}
            </label>
            <input
              id={`${id}-name`}
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <button type="submit" className="btn" disabled={save.pending}>
            {de.savedSearches.save}
          </button>
          {save.error && <ErrorNotice error={save.error} />}
        </form>
      )}
      {flash && (
        <p className="notice notice-success" role="status">
          {flash}
        </p>
      )}
    </aside>
  );
}
