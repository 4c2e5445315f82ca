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
