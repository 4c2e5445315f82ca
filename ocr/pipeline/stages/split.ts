import { AppError } from '../../../contract/app-error';
import type { ChildSpec, SplitStage, StageContext } from '../../../core/jobs';
import { splitBatch, type Trennblatt } from '../../separators';
import type { DocumentInput, Normalized, Notice, PageRecord, Part } from '../model';
import { loadPageImage } from '../page-files';
import type { IntakeTools } from '../tools';

async function separators(
  ctx: StageContext,
  tools: IntakeTools,
  pages: readonly PageRecord[],
): Promise<(Trennblatt | null)[]> {
  let done = 0;
  return ctx.pool(pages, (page) =>
    ctx
      .once<{ trennblatt: Trennblatt | null }>('separator.json', page.index, async () => {
        const trennblatt = await tools.findSeparator(
          await loadPageImage(ctx, tools, page.image, page.dpi),
          ctx.signal,
        );
        ctx.progress(++done, pages.length);
        return { trennblatt };
      })
      .then((v) => v.trennblatt),
  );
}

const subjectOf = (n: Normalized, childNo: number) => `${n.source.original.hash}#${childNo}`;

/** One child job per document: per separated group of a scan, the e-mail itself, and each attachment. */
export const splitStage = (tools: IntakeTools): SplitStage<Normalized, DocumentInput> => ({
  kind: 'split',
  name: 'split',
  async run(normalized, ctx) {
    const docs: { part: Part; pages: PageRecord[]; aktenzeichen: string | null }[] = [];
    const notices: Notice[] = [...normalized.notices];
    for (const part of normalized.parts) {
      if (part.kind !== 'pages') docs.push({ part, pages: [], aktenzeichen: null });
      else if (!part.separable) docs.push({ part, pages: [...part.pages], aktenzeichen: null });
      else {
        const found = await separators(ctx, tools, part.pages);
        // Blank pages are left to preprocess, which tells blank backs from faint writing per document.
        const split = splitBatch(
          part.pages.map((p, i) => ({ index: i, trennblatt: found[i] ?? null, blank: false })),
        );
        for (const d of split.documents) {
          if (d.needsReview)
            notices.push({ code: 'intake.trennblatt_unreadable', params: { document: docs.length + 1 } });
          docs.push({
            part,
            pages: d.pages.map((i) => part.pages[i] as PageRecord),
            aktenzeichen: d.aktenzeichen,
          });
        }
      }
    }
    if (docs.length === 0) throw new AppError('intake.nothing_to_take_in', {}, 'only separator sheets');
    const children = docs.map((d, i): ChildSpec<DocumentInput> => ({
      subject: subjectOf(normalized, i),
      label:
        docs.length > 1 && d.part.kind === 'pages' && d.part.separable
          ? `${d.part.label} – Teil ${i + 1}`
          : d.part.label,
      input: {
        source: normalized.source,
        part: d.part.kind === 'pages' ? { ...d.part, pages: [] } : d.part,
        pages: d.pages,
        aktenzeichen: d.aktenzeichen,
        documentNo: i + 1,
        documentCount: docs.length,
        // Notices of the batch (blocked attachments …) are kept on the batch, not repeated per document.
        notices: [],
      },
    }));
    return { children, summary: { documents: children.length, notices } };
  },
});
