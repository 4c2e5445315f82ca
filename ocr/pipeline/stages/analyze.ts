import { AppError } from '../../../contract/app-error';
import type { TransformStage } from '../../../core/jobs';
import type { DocumentInput, DocumentState } from '../model';
import type { IntakeTools } from '../tools';

/**
 * Text layer or not: a PDF whose every page already carries enough text (printer OCR, born-digital)
 * keeps its pages and text and is not recognised again unless OCR is forced; any other page document
 * goes through preprocess and recognize as images. The e-mail itself is stored as it arrived.
 */
export const analyzeStage = (tools: IntakeTools): TransformStage<DocumentInput, DocumentState> => ({
  kind: 'transform',
  name: 'analyze',
  async run(input) {
    const { part } = input;
    if (part.kind === 'failed')
      throw new AppError(part.error.code, part.error.params, `attachment refused: ${part.error.code}`);
    if (part.kind === 'mail') return { ...input, mode: 'file', pages: [], blankPagesRemoved: [] };
    const force = input.source.options.forceOcr;
    const pages = input.pages.map((p) => ({ ...p, needsOcr: force || !tools.isSearchable(p.text) }));
    const keep = part.format === 'pdf' && pages.every((p) => !p.needsOcr);
    return { ...input, mode: keep ? 'keep-pdf' : 'images', pages, blankPagesRemoved: [] };
  },
});
