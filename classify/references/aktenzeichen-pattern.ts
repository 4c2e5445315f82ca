import { AppError } from '../../contract/app-error';
import { DIGIT, digitRepairs, digitsOf } from '../text/ocr-chars';
import { damped, type Found } from './found';

/**
 * The city's own Aktenzeichen format as a template: `{plan}` is the Aktenplan number (`32.10.02`),
 * `{seq:N}` the running number with N digits, `{year}` the four-digit year; everything else is literal.
 */
export const defaultAktenzeichenPattern = '{plan}-{seq:4}/{year}';

export interface AktenzeichenMatcher {
  readonly pattern: string;
  find(text: string): Found[];
}

type Part = { kind: 'plan' } | { kind: 'seq'; digits: number } | { kind: 'year' } | { kind: 'literal'; text: string };

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const D = DIGIT;

function parse(pattern: string): Part[] {
  const parts: Part[] = [];
  const re = /\{(plan|seq:(\d)|year)\}/g;
  let last = 0;
  for (const m of pattern.matchAll(re)) {
    if (m.index > last) parts.push({ kind: 'literal', text: pattern.slice(last, m.index) });
    if (m[1] === 'plan') parts.push({ kind: 'plan' });
    else if (m[1] === 'year') parts.push({ kind: 'year' });
    else parts.push({ kind: 'seq', digits: Number(m[2]) });
    last = m.index + m[0].length;
  }
  if (last < pattern.length) parts.push({ kind: 'literal', text: pattern.slice(last) });
  const kinds = parts.map((p) => p.kind);
  const literalsOk = parts.every((p) => p.kind !== 'literal' || /^[^\p{L}\p{N}{}]+$/u.test(p.text));
  if (!['plan', 'seq', 'year'].every((k) => kinds.filter((x) => x === k).length === 1) || !literalsOk) {
    throw new AppError('classify.invalid_aktenzeichen_pattern', { pattern }, 'aktenzeichen pattern lacks a part or has letters');
  }
  return parts;
}

/** Compiles the template into an OCR-tolerant matcher that returns the canonical spelling as value. */
export function compileAktenzeichenPattern(pattern: string = defaultAktenzeichenPattern): AktenzeichenMatcher {
  const parts = parse(pattern);
  const source = parts
    .map((p) => {
      switch (p.kind) {
        case 'plan': return `(${D}{2}(?:\\s?[.,]\\s?${D}{1,2}){1,3})`;
        case 'seq': return `(${D}{${p.digits}})`;
        case 'year': return `((?:19|20)${D}{2}|[12][0-9Il|]${D}{2})`;
        case 'literal': return p.text.trim() ? `\\s?${escape(p.text.trim()).replace(/-/g, '[-–]')}\\s?` : '\\s?';
      }
    })
    .join('');
  const re = new RegExp(`(?<![0-9.])${source}(?![0-9])`, 'gu');
  const groups = parts.filter((p) => p.kind !== 'literal');
  return {
    pattern,
    find(text) {
      const out: Found[] = [];
      for (const m of text.matchAll(re)) {
        const values = new Map<string, string>();
        groups.forEach((g, i) => {
          const raw = m[i + 1]!;
          values.set(g.kind, g.kind === 'plan'
            ? raw.split(/\s?[.,]\s?/).map((s) => digitsOf(s).padStart(2, '0')).join('.')
            : digitsOf(raw));
        });
        const year = Number(values.get('year'));
        if (year < 1950 || year > 2100) continue;
        const value = parts
          .map((p) => (p.kind === 'literal' ? p.text : values.get(p.kind)!))
          .join('');
        out.push({ type: 'aktenzeichen', value, start: m.index, end: m.index + m[0].length,
          confidence: damped(0.97, digitRepairs(m[0])) });
      }
      return out;
    },
  };
}
