/**
 * Turns what a user types into a safe FTS5 MATCH expression: every word becomes a quoted prefix term
 * (so "Vollstr" finds "Vollstreckung" and no input can inject FTS syntax); words in double quotes stay
 * a phrase. Diacritics are folded by the index's tokenizer, so "Muller" finds "Müller".
 */
export function buildMatchExpression(input: string): string | null {
  const parts: string[] = [];
  const phrase = /"([^"]*)"/g;
  let rest = input;
  for (const m of input.matchAll(phrase)) {
    const words = tokenize(m[1] ?? '');
    if (words.length) parts.push(`"${words.join(' ')}"`);
    rest = rest.replace(m[0], ' ');
  }
  for (const word of tokenize(rest)) parts.push(`"${word}"*`);
  return parts.length ? parts.join(' AND ') : null;
}

/** Words as the unicode61 tokenizer sees them: letters and digits, everything else separates. */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu)?.slice(0, 32) ?? [];
}

export const HIT_START = '\u0001';
export const HIT_END = '\u0002';

/** Splits FTS5 snippet() output with our markers into parts, so no front end parses markup. */
export function splitSnippet(snippet: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  const re = new RegExp(`${HIT_START}([^${HIT_END}]*)${HIT_END}`, 'g');
  let last = 0;
  for (const m of snippet.matchAll(re)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), hit: false });
    parts.push({ text: m[1] ?? '', hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), hit: false });
  return parts.filter((p) => p.text.length > 0);
}
