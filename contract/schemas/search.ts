import { z } from 'zod';
import { AmtId, IsoDate, Uuid } from './common';
import { DocumentSummary } from './records';

export const SearchFilters = z.object({
  amtId: AmtId.optional(),
  akteUuid: Uuid.optional(),
  docType: z.string().max(100).optional(),
  sender: z.string().max(200).optional(),
  status: z.enum(['eingang', 'abgelegt']).optional(),
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
});
export type SearchFilters = z.infer<typeof SearchFilters>;

/** A snippet as segments so no front end has to parse markup to highlight hits. */
export const SnippetPart = z.object({ text: z.string(), hit: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPart>;

export const SearchHit = z.object({
  document: DocumentSummary,
  snippet: z.array(SnippetPart),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** `total` is exact up to SEARCH_COUNT_LIMIT; beyond it the UI says "mehr als …" (counting every hit costs time). */
export const SEARCH_COUNT_LIMIT = 1000;
export const SearchResult = z.object({ hits: z.array(SearchHit), total: z.number().int(), totalExact: z.boolean() });
export type SearchResult = z.infer<typeof SearchResult>;
