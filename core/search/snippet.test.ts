import { describe, expect, it } from 'vitest';
import { makeSnippet } from './snippet';

describe('snippets', () => {
  it('marks prefix hits regardless of case and diacritics, in the densest window', () => {
    const text = 'Sehr geehrte Damen und Herren, ' + 'Füllwort '.repeat(30) + 'Herr Jürgen Müller zahlt die Mahnung an Müllers Konto nicht.';
    const parts = makeSnippet(text, ['muller', 'mahn'], 10);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['Müller', 'Mahnung', 'Müllers']);
    expect(parts[0]!.text.startsWith('…')).toBe(true);
    expect(parts.map((p) => p.text).join('')).toContain('Jürgen Müller zahlt die Mahnung an Müllers');
  });

  it('folds words that start with a capital umlaut or another non-ASCII letter', () => {
    const parts = makeSnippet('Überweisung und Ärger über Éclair-Gebühren', ['uber', 'ar', 'ecl'], 10);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['Überweisung', 'Ärger', 'über', 'Éclair']);
  });

  it('returns the beginning of the text when nothing matches and nothing for empty text', () => {
    const parts = makeSnippet('Ladung zur mündlichen Verhandlung am 12.03.2026', ['xyz'], 3);
    expect(parts).toEqual([{ text: 'Ladung zur mündlichen …', hit: false }]);
    expect(makeSnippet('', ['a'])).toEqual([]);
  });
});
