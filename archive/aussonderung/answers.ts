import { AppError } from '../../contract/app-error';
import type { ArchivalHint } from '../../contract/schemas/records';
import {
  collectUuids,
  matchAppraisals,
  matchImportResults,
  type AppraisalMessage,
  type AussonderungMessage,
  type ImportConfirmationMessage,
  type OfferMessage,
} from '../xdomea/index';

/**
 * Pure checks of the archive's answers against what we sent. Anything that does not fit refuses the
 * whole message: an appraisal or import confirmation is only taken over when every line of it is ours.
 */

function refuseMismatch(
  match: { prozessIdMatches: boolean; unknown: readonly string[]; duplicates: readonly string[] },
  expected: string,
  found: string,
): void {
  if (!match.prozessIdMatches) throw new AppError('aussonderung.prozess_mismatch', { expected, found }, 'prozess id mismatch');
  if (match.unknown.length > 0) {
    throw new AppError(
      'aussonderung.unknown_objects',
      { count: match.unknown.length, first: match.unknown[0]! },
      `${match.unknown.length} unknown object uuids in answer`,
    );
  }
  if (match.duplicates.length > 0) {
    throw new AppError('aussonderung.duplicate_objects', { first: match.duplicates[0]! }, 'object uuid repeated in answer');
  }
}

/** The archive's decision per offered Akte (lower-case UUID); Akten it did not appraise are absent. */
export function appraisalDecisions(offer: OfferMessage, appraisal: AppraisalMessage): Map<string, ArchivalHint> {
  const match = matchAppraisals(offer, appraisal);
  refuseMismatch(match, offer.header.prozessId, appraisal.header.prozessId);
  const topLevel = new Set(offer.objects.map((o) => o.xdomeaUuid.toLowerCase()));
  const decisions = new Map<string, ArchivalHint>();
  for (const [uuid, value] of match.decisions) {
    if (!topLevel.has(uuid)) continue; // we offer whole Akten; parts inside follow their Akte
    if (typeof value !== 'string') {
      throw new AppError('aussonderung.unsupported_decision', { value: value.configured, uuid }, 'configured appraisal value');
    }
    decisions.set(uuid, value);
  }
  return decisions;
}

export interface AkteImportResult {
  readonly akteUuid: string;
  /** null: the archive said nothing about this Akte yet. */
  readonly ok: boolean | null;
  readonly archiveId: string | null;
  readonly error: string | null;
}

/**
 * The import result per handed-over Akte. An Akte counts as imported only when the archive confirmed it
 * and reported no failure for anything inside it, since deleting it is allowed only then.
 */
export function importResultsPerAkte(sent: AussonderungMessage, confirmation: ImportConfirmationMessage): AkteImportResult[] {
  const match = matchImportResults(sent, confirmation);
  refuseMismatch(match, sent.header.prozessId, confirmation.header.prozessId);
  return sent.objects.map((object) => {
    const akteUuid = object.xdomeaUuid.toLowerCase();
    const inside = new Set([...collectUuids([object])].map((u) => u.toLowerCase()));
    const failures = match.failed.filter((f) => inside.has(f.xdomeaUuid.toLowerCase()));
    const error = failures.length
      ? failures.map((f) => [...(f.errorMessages ?? []), ...(f.errorCodes ?? []).map((c) => c.name ?? c.code)].join(', ') || 'ohne Angabe').join('; ')
      : null;
    if (failures.length) return { akteUuid, ok: false, archiveId: null, error };
    if (!match.imported.has(akteUuid)) return { akteUuid, ok: null, archiveId: null, error: null };
    return { akteUuid, ok: true, archiveId: match.imported.get(akteUuid) ?? null, error: null };
  });
}
