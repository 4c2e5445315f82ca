import { AppError } from '../../../contract/app-error';
import type { OptionalStage } from '../../../core/jobs';
import type { DocumentPage, DocumentState } from '../model';
import { loadPageImage, savePageImage } from '../page-files';
import type { IntakeTools } from '../tools';

type Prepared = { blank: true } | { blank: false; page: DocumentPage };

/**
 * Per page: blank test (blank backs are dropped and reported), upright orientation in quarter turns
 * (what is archived) and a deskewed grey copy for OCR. Pages with their own text layer stay as they are:
 * the text fits the page unturned, and text proves they are not blank.
 */
export const preprocessStage = (tools: IntakeTools): OptionalStage<DocumentState> => ({
  kind: 'transform',
  name: 'preprocess',
  applies: (state) => state.mode === 'images',
  async run(state, ctx) {
    let done = 0;
    const results = await ctx.pool(state.pages, (page) =>
      ctx.once<Prepared>('prepared.json', page.index, async () => {
        const image = await loadPageImage(ctx, tools, page.image, page.dpi);
        const size = { widthPx: image.raster.width, heightPx: image.raster.height };
        if (!page.needsOcr) {
          // Its own text layer fits the page as it is: no turning, no blank test.
          ctx.progress(++done, state.pages.length);
          return {
            blank: false,
            page: { ...page, kept: { image: page.image, dpi: page.dpi, ...size, rotation: 0, skew: 0 } },
          };
        }
        const prepared = await tools.preparePage(image, ctx.signal);
        ctx.progress(++done, state.pages.length);
        if (prepared.blank.blank || !prepared.ocr) return { blank: true };
        const kept =
          prepared.rotation === 0
            ? page.image
            : await savePageImage(ctx, tools, 'kept.png', page.index, prepared.kept);
        const ocrImage = await savePageImage(ctx, tools, 'ocr.png', page.index, prepared.ocr);
        return {
          blank: false,
          page: {
            ...page,
            kept: {
              image: kept,
              dpi: prepared.kept.dpi,
              widthPx: prepared.kept.raster.width,
              heightPx: prepared.kept.raster.height,
              rotation: prepared.rotation,
              skew: prepared.skewCorrection,
            },
            ocrImage,
          },
        };
      }),
    );
    const pages = results.flatMap((r) => (r.blank ? [] : [r.page]));
    const blankPagesRemoved = state.pages.filter((_, i) => results[i]?.blank).map((p) => p.index + 1);
    if (pages.length === 0)
      throw new AppError('intake.nothing_to_take_in', {}, 'document has only blank pages');
    if (blankPagesRemoved.length) ctx.logger.info('blank pages removed', { count: blankPagesRemoved.length });
    return { ...state, pages, blankPagesRemoved };
  },
});
