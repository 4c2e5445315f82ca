import type { HoldStage } from '../../../core/jobs';
import type { DocumentState } from '../model';

/**
 * When the post room asked to check scans before they are stored, a document waits here after OCR:
 * pages can be reordered, turned, dropped or split into further documents (intake.reviseDocument).
 */
export const reviewStage: HoldStage<DocumentState> = {
  kind: 'hold',
  name: 'review',
  applies: (state) => state.source.options.review && state.mode === 'images',
};
