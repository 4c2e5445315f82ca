import type { OptionalStage } from '../../../core/jobs';
import type { DocumentPage, DocumentState } from '../model';
import { loadPageImage } from '../page-files';
import type { IntakeTools } from '../tools';

/**
 * OCR of every page without a usable text layer, through the job's bounded pool. Each page's result is
 * written as soon as it is recognised, so after a crash only unfinished pages are recognised again.
 * Word boxes are in PDF points on the kept (upright) page.
 */
export const recognizeStage = (tools: IntakeTools): OptionalStage<DocumentState> => ({
  kind: 'transform',
  name: 'recognize',
  applies: (state) => state.mode === 'images' && state.pages.some((p) => p.needsOcr),
  async run(state, ctx) {
    const todo = state.pages.filter((p) => p.needsOcr).length;
    let done = 0;
    const pages = await ctx.pool(state.pages, async (page): Promise<DocumentPage> => {
      if (!page.needsOcr || !page.ocrImage || !page.kept) return page;
      const { ocrImage, kept } = page;
      const ocr = await ctx.once('ocr.json', page.index, async () => {
        const image = await loadPageImage(ctx, tools, ocrImage, kept.dpi);
        return tools.recognize(
          image,
          { width: kept.widthPx, height: kept.heightPx, dpi: kept.dpi, skewCorrection: kept.skew },
          {
            signal: ctx.signal,
            page: page.index + 1,
          },
        );
      });
      ctx.progress(++done, todo);
      return { ...page, ocr };
    });
    return { ...state, pages };
  },
});
