import { referenceKey } from '../references/reference-key';
import type { Reference, ReferenceType } from '../references/types';

/** Where a known reference is filed. */
export interface ReferenceHit {
  readonly akteId: string;
  readonly vorgangId?: string;
  readonly amtId: string;
}

/**
 * Lookup of known references, implemented by the records store: lookup key (see `referenceKey`) →
 * the Akten/Vorgänge that carry that reference. Synchronous on purpose: the store answers
 * `matchKeys(refs)` in one query and hands the result in (e.g. through `createMemoryReferenceIndex`).
 */
export interface ReferenceIndex {
  lookup(key: string): readonly ReferenceHit[];
}

/** References that identify a file; how strongly one match alone points there. */
const strength: Partial<Record<ReferenceType, number>> = {
  aktenzeichen: 0.99,
  kassenzeichen: 0.97,
  vollstreckungsnummer: 0.97,
  azrNummer: 0.97,
  courtAktenzeichen: 0.95,
  person: 0.85,
};

export const matchableTypes = Object.keys(strength) as ReferenceType[];

/** The lookup keys the store has to resolve for these references. */
export const matchKeys = (refs: readonly Reference[]): string[] => [
  ...new Set(refs.filter((r) => strength[r.type] !== undefined).map((r) => referenceKey(r.type, r.value))),
];

export interface MatchCandidate {
  readonly akteId: string;
  readonly vorgangId?: string;
  readonly amtId: string;
  /** the matched references: the reason for the proposal */
  readonly reasons: readonly Reference[];
  /** 0..1, combined strength of the reasons */
  readonly confidence: number;
}

export interface MatchOutcome {
  /** best first */
  readonly candidates: readonly MatchCandidate[];
  /** References point into files of more than one Amt: never auto-filed, a person decides. */
  readonly crossAmt: boolean;
  /** The single target when every match agrees on one Akte of one Amt; null otherwise. */
  readonly decisive: MatchCandidate | null;
}

export function createMemoryReferenceIndex(
  entries: readonly { type: ReferenceType; value: string; hit: ReferenceHit }[],
): ReferenceIndex {
  const map = new Map<string, ReferenceHit[]>();
  for (const e of entries) {
    const key = referenceKey(e.type, e.value);
    map.set(key, [...(map.get(key) ?? []), e.hit]);
  }
  return { lookup: (key) => map.get(key) ?? [] };
}

/** Proposes files by the references a document carries. Pure: the index is read, nothing is written. */
export function matchReferences(refs: readonly Reference[], index: ReferenceIndex): MatchOutcome {
  const byTarget = new Map<string, { hit: ReferenceHit; reasons: Reference[] }>();
  const amter = new Set<string>();
  const akten = new Set<string>();
  for (const ref of refs) {
    if (strength[ref.type] === undefined) continue;
    for (const hit of index.lookup(referenceKey(ref.type, ref.value))) {
      const id = `${hit.akteId}\u0000${hit.vorgangId ?? ''}`;
      const entry = byTarget.get(id) ?? { hit, reasons: [] };
      if (!entry.reasons.some((r) => r.type === ref.type && r.value === ref.value)) entry.reasons.push(ref);
      byTarget.set(id, entry);
      amter.add(hit.amtId);
      akten.add(hit.akteId);
    }
  }
  const candidates = [...byTarget.values()]
    .map(({ hit, reasons }) => ({
      akteId: hit.akteId,
      ...(hit.vorgangId !== undefined ? { vorgangId: hit.vorgangId } : {}),
      amtId: hit.amtId,
      reasons,
      confidence: 1 - reasons.reduce((miss, r) => miss * (1 - strength[r.type]! * r.confidence), 1),
    }))
    .sort((a, b) => b.confidence - a.confidence || a.akteId.localeCompare(b.akteId));
  const crossAmt = amter.size > 1;
  let decisive: MatchCandidate | null = null;
  if (!crossAmt && akten.size === 1) {
    const vorgaenge = new Set(candidates.map((c) => c.vorgangId));
    const first = candidates[0]!;
    // Several Vorgänge of one Akte: propose the Akte itself, with all reasons.
    decisive = vorgaenge.size === 1 ? first : {
      akteId: first.akteId,
      amtId: first.amtId,
      reasons: candidates.flatMap((c) => c.reasons),
      confidence: Math.max(...candidates.map((c) => c.confidence)),
    };
  }
  return { candidates, crossAmt, decisive };
}
