import { z } from 'zod';
import { AmtId, Uuid } from '../schemas/common';
import { method, type MethodSpec } from '../method-spec';

/** A reference found in the document's text; `start`/`end` are character offsets into that text. */
export const FoundReference = z.object({
  type: z.string(),
  value: z.string(),
  raw: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  page: z.number().int().nullable(),
  confidence: z.number(),
});
export type FoundReference = z.infer<typeof FoundReference>;

export const ProposalReason = z.union([
  z.object({ kind: z.literal('reference'), type: z.string(), value: z.string(), start: z.number().int(), end: z.number().int() }),
  z.object({ kind: z.literal('word'), word: z.string(), weight: z.number() }),
]);

/** One of the top-3: an Akte (and Vorgang) found by reference, or an Aktenplan position from the model. */
export const FilingCandidate = z.object({
  kind: z.enum(['akte', 'aktenplan']),
  akteUuid: Uuid.nullable(),
  aktenzeichen: z.string().nullable(),
  vorgangUuid: Uuid.nullable(),
  aktenplanNumber: z.string(),
  title: z.string(),
  confidence: z.number().min(0).max(1),
  reasons: z.array(ProposalReason),
});
export type FilingCandidate = z.infer<typeof FilingCandidate>;

export const AutoFilingState = z.object({
  enabled: z.boolean(),
  threshold: z.number().nullable(),
  reason: z.enum(['not_enough_history', 'precision_below_target', 'proven']),
  outcomes: z.number().int(),
});
export type AutoFilingState = z.infer<typeof AutoFilingState>;

export const ClassifyProposal = z.object({
  documentUuid: Uuid.nullable(),
  amtId: AmtId,
  references: z.array(FoundReference),
  candidates: z.array(FilingCandidate).max(3),
  documentTypes: z.array(z.object({ label: z.string(), confidence: z.number() })).max(3),
  decidedBy: z.enum(['reference', 'model', 'none']),
  /** references point into files of another or several Ämter: never auto-filed, a person decides */
  needsReview: z.boolean(),
  autoFile: z.boolean(),
  autoFiling: AutoFilingState,
  model: z.object({ trainedAt: z.string(), examples: z.number().int() }).nullable(),
});
export type ClassifyProposal = z.infer<typeof ClassifyProposal>;

/** What the Posteingang list shows per document: the stored top proposal. */
export const ProposalSummary = z.object({
  documentUuid: Uuid,
  top: FilingCandidate.nullable(),
  decidedBy: z.enum(['reference', 'model', 'none']),
  needsReview: z.boolean(),
});
export type ProposalSummary = z.infer<typeof ProposalSummary>;

/** A document the Amt's rule filed without a clerk ("automatisch zugeordnet"), until someone undoes it. */
export const AutoFiledDocument = z.object({
  documentUuid: Uuid,
  title: z.string(),
  amtId: AmtId,
  akteUuid: Uuid,
  vorgangUuid: Uuid,
  aktenzeichen: z.string(),
  confidence: z.number().min(0).max(1),
  threshold: z.number(),
  filedAt: z.string(),
  reasons: z.array(ProposalReason),
});
export type AutoFiledDocument = z.infer<typeof AutoFiledDocument>;

export const proposalTextLimit = 200_000;

export const classifyMethods = {
  'classify.proposal': method({
    kind: 'command', // trains the Amt's model on first use and stores the proposal
    input: z.object({ uuid: Uuid }),
    /** with the document's text (its first `proposalTextLimit` characters), where the reasons are highlighted */
    output: ClassifyProposal.extend({ text: z.string() }),
    permission: 'records.read',
  }),
  'classify.accept': method({
    kind: 'command',
    /** without vorgangUuid the document goes where the top proposal points (an Akte's Vorgang) */
    input: z.object({ uuid: Uuid, vorgangUuid: Uuid.optional() }),
    output: z.object({ documentUuid: Uuid, vorgangUuid: Uuid, correct: z.boolean(), autoFiling: AutoFilingState }),
    permission: 'records.write',
  }),
  'classify.retrain': method({
    kind: 'command',
    input: z.object({ amtId: AmtId.optional() }),
    output: z.object({ amtId: AmtId, examples: z.number().int(), trainedAt: z.string() }),
    permission: 'records.write',
  }),
  /** Text of a file on the machine running the core, for the CLI: references only, or the proposal. */
  'classify.text': method({
    kind: 'command',
    input: z.object({ text: z.string().max(2_000_000), pageStarts: z.array(z.number().int()).optional(), amtId: AmtId.optional() }),
    output: ClassifyProposal,
    permission: 'records.read',
  }),
  /** Stored proposals of Posteingang documents; missing or stale ones are made on the spot. */
  'classify.proposals': method({
    kind: 'command',
    input: z.object({ uuids: z.array(Uuid).max(200) }),
    output: z.array(ProposalSummary),
    permission: 'records.read',
  }),
  /** The caller's Ämter: their auto-filing state and the documents filed automatically, newest first. */
  'classify.autoFiled': method({
    kind: 'query',
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({
      amter: z.array(z.object({ amtId: AmtId, autoFiling: AutoFilingState })),
      items: z.array(AutoFiledDocument),
    }),
    permission: 'records.read',
  }),
  /** Takes an automatic filing back: the document returns to the Posteingang; counts as a wrong proposal. */
  'classify.undoAutoFiling': method({
    kind: 'command',
    input: z.object({ uuid: Uuid }),
    output: z.object({ documentUuid: Uuid, autoFiling: AutoFilingState }),
    permission: 'records.write',
  }),
} as const satisfies Record<string, MethodSpec>;
