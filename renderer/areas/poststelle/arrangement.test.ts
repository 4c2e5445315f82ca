import { describe, expect, it } from 'vitest';
import { arrange } from './arrangement';

const pages = (a: ReturnType<typeof arrange.initial>) =>
  a.documents.map((d) => d.map((p) => (p.rotate ? `${p.page}@${p.rotate}` : p.page)));

describe('review arrangement', () => {
  const start = arrange.initial([1, 2, 3, 4]);

  it('moves pages within a document and across a document border', () => {
    expect(pages(arrange.move(start, 2, -1))).toEqual([[2, 1, 3, 4]]);
    expect(pages(arrange.move(start, 1, -1))).toEqual([[1, 2, 3, 4]]);
    const split = arrange.split(start, 3);
    expect(pages(split)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(pages(arrange.move(split, 2, 1))).toEqual([[1], [2, 3, 4]]);
    expect(pages(arrange.move(split, 3, -1))).toEqual([[1, 2, 3], [4]]);
  });

  it('turns a page a quarter at a time, back to upright after four', () => {
    let a = start;
    for (let i = 0; i < 3; i++) a = arrange.rotate(a, 2);
    expect(pages(a)).toEqual([[1, '2@270', 3, 4]]);
    expect(pages(arrange.rotate(a, 2))).toEqual([[1, 2, 3, 4]]);
  });

  it('drops and restores pages; a document left empty disappears', () => {
    const split = arrange.split(start, 4);
    const dropped = arrange.drop(arrange.drop(split, 4), 2);
    expect(pages(dropped)).toEqual([[1, 3]]);
    expect(dropped.dropped).toEqual([2, 4]);
    const back = arrange.restore(dropped, 4);
    expect(pages(back)).toEqual([[1, 3, 4]]);
    expect(back.dropped).toEqual([2]);
  });

  it('merges a document into the one before it', () => {
    const three = arrange.split(arrange.split(start, 2), 4);
    expect(pages(three)).toEqual([[1], [2, 3], [4]]);
    expect(pages(arrange.merge(three, 2))).toEqual([[1], [2, 3, 4]]);
    expect(arrange.merge(three, 0)).toBe(three);
  });
});
