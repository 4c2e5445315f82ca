import { describe, expect, it } from 'vitest';
import { buildMatchExpression } from './fts-query';

describe('FTS query building', () => {
  it('turns words into quoted prefix terms and keeps phrases', () => {
    expect(buildMatchExpression('Müller Vollstr')).toBe('"Müller"* AND "Vollstr"*');
    expect(buildMatchExpression('"12 K 3456" Klage')).toBe('"12 K 3456" AND "Klage"*');
  });

  it('cannot be used to inject FTS syntax', () => {
    expect(buildMatchExpression('title:geheim OR NEAR(a b) -x "')).toBe(
      '"title"* AND "geheim"* AND "OR"* AND "NEAR"* AND "a"* AND "b"* AND "x"*',
    );
    expect(buildMatchExpression('  ** ( ) ')).toBeNull();
  });
});
