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

  const counted = await q.get<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 ${from} WHERE ${whereSql} LIMIT ${SEARCH_COUNT_LIMIT + 1})`,
    params,
  );
  const n = counted?.n ?? 0;
  const vis = documentVisibility(caller);
  // Rank all matches in the index, then load only the page that is shown.
  const rows = await q.all<DocumentSummaryRow & { body: string; rank: number }>(
    `WITH page AS (
       SELECT document_fts.rowid AS id, ${RANK} AS rank ${from}
       WHERE ${whereSql} ORDER BY rank LIMIT ? OFFSET ?
     )
     SELECT ${DOCUMENT_COLUMNS}, t.body, page.rank
     FROM page CROSS JOIN document d ON d.id = page.id ${DOCUMENT_JOINS}
     JOIN document_text t ON t.document_id = d.id
     WHERE ${vis.sql}
     ORDER BY page.rank`,
    [...params, input.limit, input.offset, ...vis.params],
  );
  const words = tokenize(input.q);
  return {
    total: Math.min(n, SEARCH_COUNT_LIMIT),
    totalExact: n <= SEARCH_COUNT_LIMIT,
    hits: rows.map((r) => ({ document: toDocumentSummary(r), snippet: makeSnippet(r.body, words), score: -r.rank })),
  };
}
