import { describe, expect, it } from 'vitest';
import type { DocumentState } from './model';
import { checkArrangement, rotateWords } from './review';

describe('rotateWords', () => {
  const word = { text: 'Bescheid', x: 10, y: 180, w: 20, h: 10 };

  it('moves a word in the top left corner of a portrait page to the top right after a clockwise quarter turn', () => {
    const [turned] = rotateWords([word], 100, 200, 90);
    expect(turned).toEqual({ text: 'Bescheid', x: 180, y: 70, w: 10, h: 20 });
    // Top right of the new 200 × 100 page: right of the middle, above the middle.
    expect(turned!.x).toBeGreaterThan(100);
    expect(turned!.y).toBeGreaterThan(50);
  });

  it('brings a word back after four quarter turns and after 90° + 270°, and 180° twice', () => {
    let words = [word];
    let [w, h] = [100, 200];
    for (let i = 0; i < 4; i++) {
      words = rotateWords(words, w, h, 90);
      [w, h] = [h, w];
    }
    expect(words).toEqual([word]);
    expect(rotateWords(rotateWords([word], 100, 200, 90), 200, 100, 270)).toEqual([word]);
    expect(rotateWords(rotateWords([word], 100, 200, 180), 100, 200, 180)).toEqual([word]);
  });
});

describe('checkArrangement', () => {
  const state = { pages: [{ index: 0 }, { index: 1 }, { index: 2 }] } as unknown as DocumentState;

  it('accepts reordering, dropping and splitting of the document’s own pages', () => {
    expect(() =>
      checkArrangement(state, [[{ page: 3, rotate: 0 }], [{ page: 1, rotate: 90 }]]),
    ).not.toThrow();
  });

  it.each([
    [[[{ page: 4, rotate: 0 }]], 'Seite 4 gehört nicht zu diesem Dokument'],
    [[[{ page: 1, rotate: 0 }], [{ page: 1, rotate: 180 }]], 'Seite 1 ist mehrfach zugeordnet'],
    [[[]], 'ein Dokument ohne Seiten'],
  ] as const)('refuses %j', (documents, detail) => {
    expect(() => checkArrangement(state, documents as never)).toThrow(
      expect.objectContaining({ code: 'intake.arrangement_invalid', params: { detail } }),
    );
  });
});
