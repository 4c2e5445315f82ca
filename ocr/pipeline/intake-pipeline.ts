import { definePipeline, type Pipeline } from '../../core/jobs';
import type { CoreDeps } from '../../core/records/context';
import type { IntakeSource } from './model';
import type { OcrSettings } from './settings';
import { analyzeStage } from './stages/analyze';
import { assembleStage } from './stages/assemble';
import { commitStage, DOCUMENT_IDENTITIES } from './stages/commit';
import { detectStage } from './stages/detect';
import { normalizeStage } from './stages/normalize';
import { preprocessStage } from './stages/preprocess';
import { recognizeStage } from './stages/recognize';
import { reviewStage } from './stages/review';
import { splitStage } from './stages/split';
import type { IntakeTools } from './tools';

export const INTAKE_PIPELINE = 'intake';

/**
 * Post-room intake, one source file per job:
 *   detect → normalize → split (Trennblatt; one child job per document) →
 *   analyze (text layer?) → preprocess → recognize → [review] → assemble (PDF/A-2b) → commit
 * preprocess and recognize are skipped, visibly, for documents that keep their own text layer; review
 * (the post room rearranges pages before storing) only when it was asked for.
 */
export function createIntakePipeline(deps: CoreDeps, tools: IntakeTools, settings: OcrSettings): Pipeline {
  const blobs = deps.store.blobs;
  return definePipeline<IntakeSource>(INTAKE_PIPELINE, DOCUMENT_IDENTITIES)
    .then(detectStage(blobs, tools))
    .then(normalizeStage(blobs, tools, settings))
    .split(splitStage(tools))
    .then(analyzeStage(tools))
    .optional(preprocessStage(tools))
    .optional(recognizeStage(tools))
    .hold(reviewStage)
    .then(assembleStage(blobs, tools))
    .commit(commitStage(deps));
}
