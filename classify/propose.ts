import { AppError } from '../contract/app-error';
import { classifyDocument, type AmtModel, type Classification } from './model/amt-model';
import { matchReferences, type MatchOutcome, type ReferenceIndex } from './matching/match';
import { shouldAutoFile, type AutoFilingDecision } from './policy/auto-filing';
import { extractReferences, type ExtractOptions } from './references/extract';
import type { Reference } from './references/types';

export interface ProposeContext {
  /** the Amt whose Posteingang holds the document */
  readonly amtId: string;
  /** that Amt's model, or null while none is trained */
  readonly model: AmtModel | null;
  readonly index: ReferenceIndex;
  /** that Amt's current auto-filing decision (`evaluateAutoFiling`) */
  readonly decision: AutoFilingDecision;
  readonly extract?: ExtractOptions;
}

export interface FilingProposal {
  readonly references: readonly Reference[];
  readonly match: MatchOutcome;
  readonly classification: Classification | null;
  /** A matching reference decides before the model; the model speaks only when no reference does. */
  readonly decidedBy: 'reference' | 'model' | 'none';
  /** references point to another Amt's files or to several Ämter: a person must look at it */
  readonly needsReview: boolean;
  readonly autoFile: boolean;
}

/** extract → match → classify → auto-filing check, for one document. Pure; filing happens elsewhere. */
export function proposeFiling(text: string, ctx: ProposeContext): FilingProposal {
  if (ctx.model && ctx.model.amtId !== ctx.amtId) {
    throw new AppError('classify.wrong_amt', { modelAmt: ctx.model.amtId, amtId: ctx.amtId }, 'model of another Amt passed in');
  }
  const references = extractReferences(text, ctx.extract);
  const match = matchReferences(references, ctx.index);
  const classification = ctx.model ? classifyDocument(ctx.model, text) : null;
  const foreign = match.candidates.some((c) => c.amtId !== ctx.amtId);
  const needsReview = match.crossAmt || foreign;
  if (match.decisive && !needsReview) {
    return { references, match, classification, decidedBy: 'reference', needsReview,
      autoFile: shouldAutoFile(ctx.decision, match.decisive.confidence) };
  }
  const top = classification?.aktenplan[0];
  return {
    references,
    match,
    classification,
    decidedBy: needsReview || match.candidates.length > 0 ? 'reference' : top ? 'model' : 'none',
    needsReview,
    autoFile: !needsReview && match.candidates.length === 0 && top !== undefined && shouldAutoFile(ctx.decision, top.confidence),
  };
}
