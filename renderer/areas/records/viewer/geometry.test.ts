import { describe, expect, it } from 'vitest';
import { boxToCss, firstHitPage, nextHitPage, stepZoom, textRunHits } from './geometry';

describe('viewer geometry', () => {
  it('turns PDF points (origin bottom left) into CSS pixels from the top left at a zoom', () => {
    expect(boxToCss({ x: 72, y: 700, w: 100, h: 12 }, 842, 1.5)).toEqual({ left: 108, top: 195, width: 150, height: 18 });
  });

  it('finds query words inside a text run by their share of its characters, folded like the search', () => {
    const run = { str: 'Sehr geehrter Herr Müller,', transform: [10, 0, 0, 10, 100, 500], width: 260, height: 10 };
    const boxes = textRunHits([run, { str: 'ohne Treffer', transform: [10, 0, 0, 10, 100, 480], width: 120, height: 10 }], 'muller');
    expect(boxes).toHaveLength(1);
    const perChar = 260 / run.str.length;
    expect(boxes[0]!.x).toBeCloseTo(100 + 19 * perChar);
    expect(boxes[0]!.w).toBeCloseTo(6 * perChar);
    expect(boxes[0]!.y).toBeLessThan(500);
    expect(boxes[0]!.y + boxes[0]!.h).toBeGreaterThan(507); // capitals reach about 0.7 of the font size
    expect(textRunHits([run], '  ')).toEqual([]);
  });

  it('opens at the first hit page and cycles through hit pages', () => {
    const hits = [3, 1, 5].map((page) => ({ page, width: 595, height: 842, boxes: [{ x: 0, y: 0, w: 1, h: 1 }] }));
    expect(firstHitPage(hits)).toBe(1);
    expect(firstHitPage([])).toBe(1);
    expect(nextHitPage(hits, 1)).toBe(3);
    expect(nextHitPage(hits, 4)).toBe(5);
    expect(nextHitPage(hits, 5)).toBe(1);
    expect(nextHitPage([], 2)).toBeNull();
  });

  it('zooms in steps and stops at the ends', () => {
    expect(stepZoom(1, 1)).toBe(1.25);
    expect(stepZoom(1, -1)).toBe(0.75);
    expect(stepZoom(1.1, -1)).toBe(1);
    expect(stepZoom(3, 1)).toBe(3);
    expect(stepZoom(0.5, -1)).toBe(0.5);
  });
});
