import { referenceKey } from './reference-key';
import { referenceTypes, type Reference, type ReferenceType } from './types';

export interface ExpectedReference {
  readonly type: ReferenceType;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

export interface TypeScore {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
}

const same = (a: ExpectedReference, b: ExpectedReference): boolean =>
  a.type === b.type && a.start === b.start && a.end === b.end && referenceKey(a.type, a.value) === referenceKey(b.type, b.value);

/**
 * Precision and recall per reference type: a finding counts only with the right type, exact span and
 * the right value (compared by lookup key).
 */
export function scoreExtraction(
  samples: readonly { expected: readonly ExpectedReference[]; found: readonly Reference[] }[],
): Record<ReferenceType | 'all', TypeScore> {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (type: string, key: 'tp' | 'fp' | 'fn') => {
    for (const k of [type, 'all']) {
      const c = counts.get(k) ?? { tp: 0, fp: 0, fn: 0 };
      c[key]++;
      counts.set(k, c);
    }
  };
  for (const { expected, found } of samples) {
    const unmatched = found.slice();
    for (const e of expected) {
      const i = unmatched.findIndex((f) => same(e, f));
      if (i >= 0) {
        unmatched.splice(i, 1);
        bump(e.type, 'tp');
      } else bump(e.type, 'fn');
    }
    for (const f of unmatched) bump(f.type, 'fp');
  }
  const result = {} as Record<ReferenceType | 'all', TypeScore>;
  for (const type of [...referenceTypes, 'all'] as const) {
    const c = counts.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    result[type] = {
      truePositives: c.tp,
      falsePositives: c.fp,
      falseNegatives: c.fn,
      precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
      recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
    };
  }
  return result;
}
