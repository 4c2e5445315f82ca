import type { MethodParsedInput } from '../../contract/methods';
import { SEARCH_COUNT_LIMIT, type SearchResult } from '../../contract/schemas/search';
import { documentVisibility, searchScope } from '../access/policy';
import type { Caller } from '../access/caller';
import type { Queryable } from '../store/db';
import { DOCUMENT_COLUMNS, DOCUMENT_JOINS, toDocumentSummary, type DocumentSummaryRow } from '../records/rows';
import { buildMatchExpression, tokenize } from './fts-query';
import { makeSnippet } from './snippet';

// Title hits weigh most, then sender, then body text; the scope column only filters.
const RANK = 'bm25(document_fts, 10.0, 3.0, 1.0, 0.0)';

/**
 * Full-text search over what the caller may see. Visibility is applied twice: inside the index (scope
 * tokens, so counting and ranking never touch invisible documents) and again in SQL on the rows returned.
 */
export async function searchDocuments(
  q: Queryable,
  caller: Caller,
  input: MethodParsedInput<'search.query'>,
): Promise<SearchResult> {
  const expression = buildMatchExpression(input.q);
  const scope = searchScope(caller);
  if (!expression || !scope) return { hits: [], total: 0, totalExact: true };
  const f = input.filters;
  const match = [
    `(${expression})`,
    scope,
    f.amtId ? `scope : amt${f.amtId}` : null,
    f.status ? `scope : doc${f.status}` : null,
  ]
    .filter(Boolean)
    .join(' AND ');

  // Filters the index cannot answer join the document rows; without them the index alone counts and ranks.
  const where = ['document_fts MATCH ?'];
  const params: (string | number)[] = [match];
  const add = (sql: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(sql);
    params.push(value);
  };
  add('a.uuid = ?', f.akteUuid);
  add('d.doc_type = ?', f.docType);
  add('d.sender LIKE ?', f.sender === undefined ? undefined : `%${f.sender}%`);
  const dateExpr = 'COALESCE(d.document_date, substr(pi.received_at, 1, 10))';
  add(`${dateExpr} >= ?`, f.dateFrom);
  add(`${dateExpr} <= ?`, f.dateTo);
  const whereSql = where.join(' AND ');
  // CROSS JOIN keeps the FTS index as the outer loop: otherwise SQLite may walk every visible document
  // and re-run the full-text match for each one.
  const from = where.length > 1 ? `FROM document_fts CROSS JOIN document d ON d.id = document_fts.rowid ${DOCUMENT_JOINS}` : 'FROM document_fts';

  // Ranking every hit of a short prefix (tens of thousands while typing) costs far more than finding
  // them, so only the most recently stored hits (highest ids) up to the count limit are ranked: FTS5
  // walks its index newest first and stops there. Hits beyond follow newest first, so pages never overlap.
  const newest = `SELECT document_fts.rowid AS id, ${RANK} AS rank ${from} WHERE ${whereSql} ORDER BY document_fts.rowid DESC`;
  const recent = await q.all<{ id: number; rank: number }>(`${newest} LIMIT ${SEARCH_COUNT_LIMIT + 1}`, params);
  const n = recent.length;
  const end = input.offset + input.limit;
  const page = recent
    .slice(0, SEARCH_COUNT_LIMIT)
    .sort((a, b) => a.rank - b.rank || b.id - a.id)
    .slice(input.offset, end);
  if (n > SEARCH_COUNT_LIMIT && end > SEARCH_COUNT_LIMIT) {
    const tailFrom = Math.max(input.offset, SEARCH_COUNT_LIMIT);
    page.push(...(await q.all<{ id: number; rank: number }>(`${newest} LIMIT ? OFFSET ?`, [...params, end - tailFrom, tailFrom])));
  }
  const total = Math.min(n, SEARCH_COUNT_LIMIT);
  const totalExact = n <= SEARCH_COUNT_LIMIT;
  if (page.length === 0) return { hits: [], total, totalExact };

  // Only the shown page is loaded, and only it gets snippets. CROSS JOIN makes the page's ids the outer
  // loop; with an IN list SQLite would walk every document of the Amt through its index.
  const vis = documentVisibility(caller);
  const loaded = await q.all<DocumentSummaryRow & { body: string }>(
    `SELECT ${DOCUMENT_COLUMNS}, t.body
     FROM json_each(?) page CROSS JOIN document d ON d.id = page.value ${DOCUMENT_JOINS}
     JOIN document_text t ON t.document_id = d.id
     WHERE ${vis.sql}`,
    [JSON.stringify(page.map((p) => p.id)), ...vis.params],
  );
  const byId = new Map(loaded.map((r) => [r.id, r]));
  const words = tokenize(input.q);
  return {
    total,
    totalExact,
    hits: page.flatMap(({ id, rank }) => {
      const r = byId.get(id);
      return r ? [{ document: toDocumentSummary(r), snippet: makeSnippet(r.body, words), score: -rank }] : [];
    }),
  };
}
