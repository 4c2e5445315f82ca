import type {
  AppraisalMessage,
  ArchivalValue,
  AussonderungMessage,
  ImportConfirmationMessage,
  ImportResult,
  OfferMessage,
  Uuid,
} from './model';
import { collectUuids } from './object-tree';

/**
 * Pure checks of an archive's answer against what the office sent. They report, the caller decides:
 * an Aussonderung job stops for review when `unknown`, `duplicates` or a ProzessID mismatch show up.
 */

function firstAndRepeated<T>(
  items: readonly T[],
  key: (item: T) => Uuid,
): { first: Map<Uuid, T>; repeated: Uuid[] } {
  const first = new Map<Uuid, T>();
  const repeated: Uuid[] = [];
  for (const item of items) {
    const id = key(item).toLowerCase();
    if (first.has(id)) repeated.push(id);
    else first.set(id, item);
  }
  return { first, repeated };
}

export interface AppraisalMatch {
  readonly prozessIdMatches: boolean;
  /** Decisions for offered objects, keyed by lower-case UUID. */
  readonly decisions: ReadonlyMap<Uuid, ArchivalValue>;
  /** UUIDs the archive appraised that the offer did not contain. */
  readonly unknown: readonly Uuid[];
  /** UUIDs appraised more than once (the first decision is kept in `decisions`). */
  readonly duplicates: readonly Uuid[];
  /** Top-level offered objects without a decision. */
  readonly unappraised: readonly Uuid[];
}

export function matchAppraisals(offer: OfferMessage, appraisal: AppraisalMessage): AppraisalMatch {
  const known = new Set([...collectUuids(offer.objects)].map((id) => id.toLowerCase()));
  const { first, repeated } = firstAndRepeated(appraisal.appraisals, (a) => a.xdomeaUuid);
  const decisions = new Map<Uuid, ArchivalValue>();
  const unknown: Uuid[] = [];
  for (const [id, a] of first) {
    if (known.has(id)) decisions.set(id, a.decision);
    else unknown.push(id);
  }
  return {
    prozessIdMatches: offer.header.prozessId.toLowerCase() === appraisal.header.prozessId.toLowerCase(),
    decisions,
    unknown,
    duplicates: repeated,
    unappraised: offer.objects.map((o) => o.xdomeaUuid.toLowerCase()).filter((id) => !decisions.has(id)),
  };
}

export interface ImportMatch {
  readonly prozessIdMatches: boolean;
  /** Objects the archive imported, with its Archivkennung where given; keyed by lower-case UUID. */
  readonly imported: ReadonlyMap<Uuid, string | undefined>;
  readonly failed: readonly ImportResult[];
  readonly unknown: readonly Uuid[];
  readonly duplicates: readonly Uuid[];
  /** Top-level objects of the 0503 without any result: not yet safe to delete. */
  readonly missing: readonly Uuid[];
}

export function matchImportResults(
  sent: AussonderungMessage,
  confirmation: ImportConfirmationMessage,
): ImportMatch {
  const known = new Set([...collectUuids(sent.objects)].map((id) => id.toLowerCase()));
  const { first, repeated } = firstAndRepeated(confirmation.results, (r) => r.xdomeaUuid);
  const imported = new Map<Uuid, string | undefined>();
  const failed: ImportResult[] = [];
  const unknown: Uuid[] = [];
  for (const [id, result] of first) {
    if (!known.has(id)) unknown.push(id);
    else if (result.success) imported.set(id, result.archiveId);
    else failed.push(result);
  }
  return {
    prozessIdMatches: sent.header.prozessId.toLowerCase() === confirmation.header.prozessId.toLowerCase(),
    imported,
    failed,
    unknown,
    duplicates: repeated,
    missing: sent.objects.map((o) => o.xdomeaUuid.toLowerCase()).filter((id) => !first.has(id)),
  };
}
