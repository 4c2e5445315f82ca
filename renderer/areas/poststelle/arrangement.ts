/** A clockwise turn as `intake.reviseDocument` takes it. */
export type Turn = 0 | 90 | 180 | 270;

export interface PageChoice {
  readonly page: number;
  readonly rotate: Turn;
}

/** How the post room wants a recognised batch filed: documents of pages in order, and pages left out. */
export interface Arrangement {
  readonly documents: readonly (readonly PageChoice[])[];
  /** Source page numbers, ascending. */
  readonly dropped: readonly number[];
}

const locate = (a: Arrangement, page: number): [number, number] => {
  for (const [d, doc] of a.documents.entries()) {
    const i = doc.findIndex((p) => p.page === page);
    if (i >= 0) return [d, i];
  }
  throw new Error(`page ${page} is not in the arrangement`);
};

/** Documents left without pages disappear, so every arrangement can be sent as it is. */
const tidy = (documents: PageChoice[][], dropped: readonly number[]): Arrangement => ({
  documents: documents.filter((d) => d.length > 0),
  dropped: [...dropped].sort((x, y) => x - y),
});

const copy = (a: Arrangement) => a.documents.map((d) => [...d]);

/** Pure steps of the review screen; each returns a new arrangement. */
export const arrange = {
  initial: (pages: readonly number[]): Arrangement => tidy([pages.map((page) => ({ page, rotate: 0 }))], []),

  /** One place forward or back; across a document border the page joins the neighbouring document. */
  move(a: Arrangement, page: number, by: -1 | 1): Arrangement {
    const docs = copy(a);
    const [d, i] = locate(a, page);
    const doc = docs[d]!;
    const j = i + by;
    if (j >= 0 && j < doc.length) {
      [doc[i], doc[j]] = [doc[j]!, doc[i]!];
    } else {
      const next = docs[d + by];
      if (!next) return a;
      const [choice] = doc.splice(i, 1);
      if (by < 0) next.push(choice!);
      else next.unshift(choice!);
    }
    return tidy(docs, a.dropped);
  },

  rotate(a: Arrangement, page: number): Arrangement {
    const [d, i] = locate(a, page);
    const docs = copy(a);
    const choice = docs[d]![i]!;
    docs[d]![i] = { ...choice, rotate: ((choice.rotate + 90) % 360) as Turn };
    return tidy(docs, a.dropped);
  },

  drop(a: Arrangement, page: number): Arrangement {
    const [d, i] = locate(a, page);
    const docs = copy(a);
    docs[d]!.splice(i, 1);
    return tidy(docs, [...a.dropped, page]);
  },

  /** A dropped page comes back at the end of the last document. */
  restore(a: Arrangement, page: number): Arrangement {
    const docs = copy(a);
    if (docs.length === 0) docs.push([]);
    docs[docs.length - 1]!.push({ page, rotate: 0 });
    return tidy(
      docs,
      a.dropped.filter((p) => p !== page),
    );
  },

  /** The page and everything after it in its document become a new document. */
  split(a: Arrangement, page: number): Arrangement {
    const [d, i] = locate(a, page);
    const docs = copy(a);
    const rest = docs[d]!.splice(i);
    docs.splice(d + 1, 0, rest);
    return tidy(docs, a.dropped);
  },

  /** Document `d` (0-based) joins the one before it. */
  merge(a: Arrangement, d: number): Arrangement {
    if (d <= 0 || d >= a.documents.length) return a;
    const docs = copy(a);
    const [joined] = docs.splice(d, 1);
    docs[d - 1]!.push(...joined!);
    return tidy(docs, a.dropped);
  },
};
