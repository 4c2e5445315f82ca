import { AppError } from '../../contract/app-error';
import type { MethodParsedInput } from '../../contract/methods';
import { SearchFilters } from '../../contract/schemas/search';
import type { SavedSearch } from '../../contract/schemas/workspace';
import type { Caller } from '../access/caller';
import type { Queryable, WriteTx } from '../store/db';
import type { CallCtx } from './context';

/**
 * A user's own saved searches (query + filters). They are preferences, not records: no audit entry and
 * nothing for the DMS. Filters are re-validated on reading so a stored row never breaks the list.
 */
interface Row {
  uuid: string;
  name: string;
  query: string;
  filters: string;
  created_at: string;
}

const toSavedSearch = (r: Row): SavedSearch => {
  const filters = SearchFilters.safeParse(JSON.parse(r.filters));
  return { uuid: r.uuid, name: r.name, q: r.query, filters: filters.success ? filters.data : {}, createdAt: r.created_at };
};

export async function listSavedSearches(q: Queryable, caller: Caller): Promise<SavedSearch[]> {
  const rows = await q.all<Row>('SELECT uuid, name, query, filters, created_at FROM saved_search WHERE user_id = ? ORDER BY name', [caller.userId]);
  return rows.map(toSavedSearch);
}

export async function saveSearch(tx: WriteTx, ctx: CallCtx, input: MethodParsedInput<'savedSearches.save'>): Promise<SavedSearch> {
  const taken = await tx.get('SELECT 1 FROM saved_search WHERE user_id = ? AND name = ?', [ctx.caller.userId, input.name]);
  if (taken) throw new AppError('workspace.saved_search_exists', { name: input.name }, 'saved search name taken');
  const row: Row = {
    uuid: ctx.ids.uuid(),
    name: input.name,
    query: input.q,
    filters: JSON.stringify(input.filters),
    created_at: ctx.clock.now().toISOString(),
  };
  await tx.run('INSERT INTO saved_search (uuid, user_id, name, query, filters, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    row.uuid,
    ctx.caller.userId,
    row.name,
    row.query,
    row.filters,
    row.created_at,
  ]);
  return toSavedSearch(row);
}

export async function deleteSavedSearch(tx: WriteTx, ctx: CallCtx, uuid: string): Promise<void> {
  const { changes } = await tx.run('DELETE FROM saved_search WHERE uuid = ? AND user_id = ?', [uuid, ctx.caller.userId]);
  if (!changes) throw new AppError('records.not_found', { kind: 'Die gespeicherte Suche' }, 'saved search not found');
}
