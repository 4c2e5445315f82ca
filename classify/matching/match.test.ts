import { describe, expect, it } from 'vitest';
import { extractReferences } from '../references/extract';
import { createMemoryReferenceIndex, matchKeys, matchReferences } from './match';

const index = createMemoryReferenceIndex([
  { type: 'kassenzeichen', value: '401231567892', hit: { akteId: 'akte-21-1', vorgangId: 'vg-1', amtId: '21' } },
  { type: 'courtAktenzeichen', value: '12 K 3456/24', hit: { akteId: 'akte-30-7', amtId: '30' } },
  { type: 'person', value: 'Kovalenko, Olena|1990-11-04', hit: { akteId: 'akte-32-3', amtId: '32' } },
  { type: 'person', value: 'Yilmaz, Mehmet|1985-03-12', hit: { akteId: 'akte-21-9', amtId: '21' } },
  { type: 'person', value: 'Yilmaz, Mehmet|1985-03-12', hit: { akteId: 'akte-32-5', amtId: '32' } },
  { type: 'azrNummer', value: '123456789012', hit: { akteId: 'akte-32-5', amtId: '32' } },
  { type: 'azrNummer', value: '123456789012', hit: { akteId: 'akte-32-6', amtId: '32' } },
]);

describe('matchReferences', () => {
  it('proposes the file whose reference the document carries, with that reference as reason', () => {
    const refs = extractReferences('Mahnung\nKassenzeichen: 4012.3156.7892\nBitte zahlen Sie.');
    const m = matchReferences(refs, index);
    expect(m.crossAmt).toBe(false);
    expect(m.decisive).toMatchObject({ akteId: 'akte-21-1', vorgangId: 'vg-1', amtId: '21' });
    expect(m.decisive!.reasons.map((r) => [r.type, r.value])).toEqual([['kassenzeichen', '401231567892']]);
    expect(m.decisive!.confidence).toBeGreaterThan(0.9);
  });

  it('matches a person in another name order and after OCR damage', () => {
    const refs = extractReferences('Antrag von Olena Kovalenko, geb. O4.11.199O');
    expect(matchReferences(refs, index).decisive?.akteId).toBe('akte-32-3');
  });

  it('flags a reference that points into files of two Ämter and proposes neither for auto-filing', () => {
    const refs = extractReferences('Betrifft: Mehmet Yilmaz, geb. 12.03.1985');
    const m = matchReferences(refs, index);
    expect(m.crossAmt).toBe(true);
    expect(m.decisive).toBeNull();
    expect(new Set(m.candidates.map((c) => c.amtId))).toEqual(new Set(['21', '32']));
  });

  it('is not decisive when one reference fits two Akten of the same Amt', () => {
    const m = matchReferences(extractReferences('AZR-Nr.: 123456789012'), index);
    expect(m.crossAmt).toBe(false);
    expect(m.decisive).toBeNull();
    expect(m.candidates).toHaveLength(2);
  });

  it('finds nothing for unknown references and ignores non-identifying ones', () => {
    const refs = extractReferences('Kassenzeichen: 5555.5555.5557\nBetrag 12,00 EUR am 01.02.2025');
    expect(matchReferences(refs, index)).toEqual({ candidates: [], crossAmt: false, decisive: null });
    expect(matchKeys(refs).every((k) => k.startsWith('kassenzeichen:'))).toBe(true);
  });
});
