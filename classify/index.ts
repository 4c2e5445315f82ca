// Proposal engine: reference extraction, matching against known files, per-Amt learned classifier,
// auto-filing policy. Pure functions and serialisable state; the store and the UI are wired by the host.
export { referenceTypes, type Reference, type ReferenceType } from './references/types';
export { referenceKey } from './references/reference-key';
export { extractReferences, defaultMaxChars, type ExtractOptions } from './references/extract';
export { compileAktenzeichenPattern, defaultAktenzeichenPattern } from './references/aktenzeichen-pattern';
export { ibanChecksumValid } from './references/identifiers';
export { scoreExtraction, type ExpectedReference, type TypeScore } from './references/evaluate';
export {
  createMemoryReferenceIndex, matchKeys, matchReferences, matchableTypes,
  type MatchCandidate, type MatchOutcome, type ReferenceHit, type ReferenceIndex,
} from './matching/match';
export {
  classifyDocument, createAmtModel, defaultModelOptions, learnFromFiling, trainAmtModel, trainAmtModelInBackground,
  type AmtModel, type AmtModelSpec, type Classification, type Driver, type ModelOptions, type Proposal,
  type TrainingExample,
} from './model/amt-model';
export { reliability, type ReliabilityBin } from './model/calibration';
export { deserializeAmtModel, serializeAmtModel } from './model/serialize';
export {
  defaultAutoFilingPolicy, evaluateAutoFiling, shouldAutoFile, wilsonLowerBound,
  type AutoFilingDecision, type AutoFilingPolicy, type FilingOutcome,
} from './policy/auto-filing';
export { proposeFiling, type FilingProposal, type ProposeContext } from './propose';
