import type { SnippetPart } from '../../contract/schemas/search';
import { fold } from '../../contract/text-match';

/**
 * A window of the text around the densest cluster of hits, hits marked. Done here rather than with
 * FTS5 snippet(): that re-runs the match per shown row, which costs more than the whole ranking.
 * A word is a hit when it starts with a query word, matching the prefix search.
 */
export function makeSnippet(text: string, queryWords: readonly string[], windowTokens = 16): SnippetPart[] {
  const wanted = queryWords.map(fold).filter(Boolean);
  const firstLetters = new Set(wanted.map((w) => w[0]));
  const isHit = (word: string) => {
    // Folding (Unicode normalisation) is the costly part; an ASCII first letter rules most words out.
    const first = word[0]!.toLowerCase();
    if (first < '\x80' && !firstLetters.has(first)) return false;
    const folded = fold(word);
    return wanted.some((w) => folded.startsWith(w));
  };
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    hit: isHit(m[0]),
  }));
  if (tokens.length === 0) return text ? [{ text: text.slice(0, 200), hit: false }] : [];

  let best = 0;
  let bestHits = -1;
  let hits = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.hit) hits++;
    if (i >= windowTokens && tokens[i - windowTokens]!.hit) hits--;
    // Prefer the earliest window with the most hits, starting a little before the first hit.
    if (hits > bestHits) {
      bestHits = hits;
      best = Math.max(0, i - windowTokens + 1);
    }
  }
  const from = best;
  const to = Math.min(tokens.length, from + windowTokens);
  const parts: SnippetPart[] = [];
  const push = (value: string, hit: boolean) => {
    const clean = value.replace(/\s+/g, ' ');
    if (!clean) return;
    const last = parts.at(-1);
    if (last && last.hit === hit) last.text += clean;
    else parts.push({ text: clean, hit });
  };
  if (from > 0) push('…', false);
  let cursor = tokens[from]!.start;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    push(text.slice(cursor, t.start), false);
    push(text.slice(t.start, t.end), t.hit);
    cursor = t.end;
  }
  if (to < tokens.length) push(' …', false);
  return parts;
}
