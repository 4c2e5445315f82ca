/**
 * How a query word matches a word of a document, shared by the core's snippets and hit boxes and the
 * viewer's text-layer highlight: case and diacritics folded as the index's tokenizer does (unicode61
 * remove_diacritics 2), and a word is a hit when it starts with a query word (the prefix search).
 */
export const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Letters-and-digits runs with their offsets, as the tokenizer separates them. */
export const wordSpans = (text: string): { start: number; end: number; word: string }[] =>
  [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0] }));

/** A matcher for the folded query words; never matches when the query has no words. */
export function prefixMatcher(query: string): (word: string) => boolean {
  const wanted = wordSpans(query)
    .map((s) => fold(s.word))
    .slice(0, 32);
  return (word) => wanted.length > 0 && wanted.some((w) => fold(word).startsWith(w));
}
