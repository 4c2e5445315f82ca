import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../fixtures/corpus';
import { isAppError } from '../../contract/app-error';
import { scoreExtraction } from './evaluate';
import { extractReferences } from './extract';
import { referenceKey } from './reference-key';
import type { Reference, ReferenceType } from './types';

const ofType = (refs: Reference[], type: ReferenceType) => refs.filter((r) => r.type === type);
const values = (text: string, type: ReferenceType, opts = {}) => ofType(extractReferences(text, opts), type).map((r) => r.value);

describe('extraction on generated letters (seed not used while tuning)', () => {
  const docs = generateCorpus({ documents: 600, seed: 4242 });
  const scores = scoreExtraction(docs.map((d) => ({ expected: d.references, found: extractReferences(d.text) })));

  it('finds nearly all references with their exact span and value', () => {
    expect(scores.all.truePositives).toBeGreaterThan(3500);
    expect(scores.all.precision).toBeGreaterThanOrEqual(0.995);
    expect(scores.all.recall).toBeGreaterThanOrEqual(0.98);
  });

  it.each(['kassenzeichen', 'vollstreckungsnummer', 'courtAktenzeichen', 'aktenzeichen', 'azrNummer', 'person', 'iban',
    'amount', 'date', 'documentDate', 'deadline', 'sender'] as const)('%s: precision ≥ 97 %, recall ≥ 95 %', (type) => {
    expect(scores[type].truePositives).toBeGreaterThan(10);
    expect(scores[type].precision).toBeGreaterThanOrEqual(0.97);
    expect(scores[type].recall).toBeGreaterThanOrEqual(0.95);
  });

  it('holds up on heavy OCR noise alone', () => {
    const heavy = generateCorpus({ documents: 200, seed: 31, noise: { clean: 0, light: 0, heavy: 1 } });
    const s = scoreExtraction(heavy.map((d) => ({ expected: d.references, found: extractReferences(d.text) })));
    expect(s.all.precision).toBeGreaterThanOrEqual(0.99);
    expect(s.all.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('reports raw text and offsets into the original text', () => {
    for (const d of docs.slice(0, 50)) {
      for (const r of extractReferences(d.text)) expect(d.text.slice(r.start, r.end)).toBe(r.raw);
    }
  });
});

describe('hand-written tricky cases', () => {
  it('reads Kassenzeichen with O for 0 and l for 1, and checks the Luhn digit', () => {
    expect(values('Kassenzeichen: 4O12.3l56.7892', 'kassenzeichen')).toEqual(['401231567892']);
    expect(values('Kassenzeichen: 4012 3156 7898', 'kassenzeichen')).toEqual([]);
    expect(values('Kassenzeichen: 4012 3156 7898', 'kassenzeichen', { kassenzeichenCheck: 'none' })).toEqual(['401231567898']);
  });

  it('tells Kassenzeichen and AZR-Nummer apart by the label, also a damaged one', () => {
    const refs = extractReferences('Kasseriz.: 401231567892\nAZR-Nurnmer: 123456789012\n123456789012');
    expect(ofType(refs, 'kassenzeichen').map((r) => r.value)).toEqual(['401231567892']);
    expect(ofType(refs, 'azrNummer').map((r) => r.value)).toEqual(['123456789012']);
  });

  it('accepts IBANs only with a valid checksum', () => {
    expect(values('IBAN DE89 3704 0044 0532 0130 00', 'iban')).toEqual(['DE89370400440532013000']);
    expect(values('IBAN DE89 37O4 OO44 O532 Ol30 00.', 'iban')).toEqual(['DE89370400440532013000']);
    expect(values('IBAN DE88 3704 0044 0532 0130 00', 'iban')).toEqual([]);
    expect(values('IBANDE89370400440532013000', 'iban')).toEqual(['DE89370400440532013000']);
  });

  it('reads court Aktenzeichen in the usual forms', () => {
    const text = 'Az. 12 K 3456/24, 3 O 123/25, 2 L 45/25, 7 C 1234/24, 5 Ca 678/23, l2K3456/24 und 3 0 99/25';
    expect(values(text, 'courtAktenzeichen')).toEqual(['12 K 3456/24', '3 O 123/25', '2 L 45/25', '7 C 1234/24',
      '5 Ca 678/23', '12 K 3456/24', '3 O 99/25']);
    expect(values('Rechnung 2024/25 und Seite 3/25', 'courtAktenzeichen')).toEqual([]);
  });

  it('reads the city Aktenzeichen in the configured pattern', () => {
    expect(values('Unser Zeichen: 32.10.02-0042/2025', 'aktenzeichen')).toEqual(['32.10.02-0042/2025']);
    expect(values('Az. 32,1O.02 - OO42 / 2025', 'aktenzeichen')).toEqual(['32.10.02-0042/2025']);
    const custom = { aktenzeichenPattern: '{plan}/{year}/{seq:5}' };
    expect(values('Az. 21.30.02/2024/00815', 'aktenzeichen', custom)).toEqual(['21.30.02/2024/00815']);
    expect(values('Az. 21.30.02-0815/2024', 'aktenzeichen', custom)).toEqual([]);
  });

  it('refuses an Aktenzeichen pattern without running number', () => {
    try {
      extractReferences('x', { aktenzeichenPattern: '{plan}/{year}' });
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('classify.invalid_aktenzeichen_pattern');
    }
  });

  it('reads name and date of birth in sentences, forms and passports', () => {
    const inline = extractReferences('Antragstellerin: Kovalenko, Olena, geb. am 04.11.1990, wohnhaft in Musterstadt.');
    expect(ofType(inline, 'person').map((r) => r.value)).toEqual(['Kovalenko, Olena|1990-11-04']);
    const prose = extractReferences('für den Unterhalt von Thi Lan Nguyen (geb. O3.O2.1988) aufzukommen');
    expect(ofType(prose, 'person').map((r) => referenceKey('person', r.value)))
      .toEqual([referenceKey('person', 'Nguyen, Thi Lan|1988-02-03')]);
    expect(ofType(prose, 'person')[0]!.raw).toBe('Thi Lan Nguyen (geb. O3.O2.1988)');
    const passport = extractReferences('Name/Surname: Y1LMAZ\nVornamen/Given names: MEHMET\nGeburtsdatum/Date of birth: 12.03.1985');
    expect(ofType(passport, 'person').map((r) => r.value)).toEqual(['Yilmaz, Mehmet|1985-03-12']);
  });

  it('resolves deadlines against the document date', () => {
    const letter = 'Stadt Musterstadt\n\nMusterstadt, den 10.03.2025\n\nBitte zahlen Sie binnen zwei Wochen. ' +
      'Widerspruch ist innerhalb eines Monats möglich. Unterlagen bis spätestens 31.03.2025 einreichen.';
    const refs = extractReferences(letter);
    expect(ofType(refs, 'documentDate').map((r) => r.value)).toEqual(['2025-03-10']);
    expect(ofType(refs, 'deadline').map((r) => [r.raw, r.value])).toEqual([
      ['binnen zwei Wochen', '2025-03-24'],
      ['innerhalb eines Monats', '2025-04-10'],
      ['bis spätestens 31.03.2025', '2025-03-31'],
    ]);
    expect(values('Musterstadt, den 31.01.2024\n\nbinnen eines Monats', 'deadline')).toEqual(['2024-02-29']);
    expect(values('Bitte antworten Sie innerhalb von 14 Tagen.', 'deadline')).toEqual(['P14D']);
    expect(values('Bitte antworten Sie innerhalb von 14 Tagen.', 'deadline', { fallbackDocumentDate: '2025-01-01' }))
      .toEqual(['2025-01-15']);
  });

  it('reads amounts, dates and the sender', () => {
    const text = 'Verwaltungsgericht Düsseldorf · Bastionstraße 39\n\nDatum: 3. März 2025\n\nStreitwert: 5.000,00 EUR, ' +
      'Gebühr € 1,234,56 und l2O,5O Euro am 1.4.2025';
    const refs = extractReferences(text);
    expect(ofType(refs, 'sender').map((r) => r.value)).toEqual(['Verwaltungsgericht Düsseldorf']);
    expect(ofType(refs, 'amount').map((r) => r.value)).toEqual(['5000.00', '1234.56', '120.50']);
    expect(ofType(refs, 'date').map((r) => r.value)).toEqual(['2025-03-03', '2025-04-01']);
    expect(ofType(refs, 'documentDate').map((r) => r.value)).toEqual(['2025-03-03']);
  });

  it('joins words broken at the line end and still reports original offsets', () => {
    const text = 'Vollstre-\nckungsnummer: V-2025-004711';
    const [ref] = ofType(extractReferences(text), 'vollstreckungsnummer');
    expect(ref?.value).toBe('V-2025-004711');
    expect(text.slice(ref!.start, ref!.end)).toBe('V-2025-004711');
  });
});

describe('robustness', () => {
  it('returns nothing for empty or whitespace text', () => {
    expect(extractReferences('')).toEqual([]);
    expect(extractReferences(' \n\n\t ')).toEqual([]);
  });

  it('survives garbage OCR without inventing identifiers', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzOl0123456789.,:/-· \n€§';
    const garbage = Array.from({ length: 20_000 }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    const refs = extractReferences(garbage);
    expect(refs.filter((r) => ['iban', 'kassenzeichen', 'azrNummer', 'person'].includes(r.type))).toEqual([]);
  });

  it('reads only the first maxChars of a 500-page document', () => {
    const page = 'Seite mit Text. Kassenzeichen: 4012.3156.7892. Betrag 12,00 EUR.\n'.repeat(40);
    const huge = page.repeat(500);
    expect(huge.length).toBeGreaterThan(1_000_000);
    const refs = extractReferences(huge, { maxChars: 50_000 });
    expect(refs.length).toBeGreaterThan(0);
    expect(Math.max(...refs.map((r) => r.end))).toBeLessThanOrEqual(50_000);
  });
});
