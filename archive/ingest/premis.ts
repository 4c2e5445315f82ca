import type { PayloadFile } from './mets';
import { xmlEscape as x } from './xml-text';

/** What the ingest did, as PREMIS 3 events; a check that did not run says so instead of claiming success. */
export type IngestEvents = {
  readonly receivedAt: string;
  /** Undefined when no virus scanner is configured. */
  readonly virusCheck?: { readonly outcome: 'pass' | 'fail'; readonly detail: string };
} & (
  | { readonly xdomeaVersion: string }
  /** A package that is not an xdomea 0503 (Digitalisate): what was received and how it was validated. */
  | { readonly intake: { readonly received: string; readonly validated: string } }
);

/** One event, its links one piece each: the receipt links every file of the package. */
function* event(
  id: string,
  type: string,
  at: string,
  outcome: string,
  detail: string,
  objects: readonly string[],
): Generator<string> {
  yield `  <premis:event>\n` +
    `    <premis:eventIdentifier><premis:eventIdentifierType>local</premis:eventIdentifierType><premis:eventIdentifierValue>${id}</premis:eventIdentifierValue></premis:eventIdentifier>\n` +
    `    <premis:eventType>${type}</premis:eventType>\n    <premis:eventDateTime>${at}</premis:eventDateTime>\n` +
    `    <premis:eventOutcomeInformation><premis:eventOutcome>${outcome}</premis:eventOutcome>` +
    `<premis:eventOutcomeDetail><premis:eventOutcomeDetailNote>${x(detail)}</premis:eventOutcomeDetailNote></premis:eventOutcomeDetail></premis:eventOutcomeInformation>\n`;
  for (const o of objects) {
    yield `    <premis:linkingObjectIdentifier><premis:linkingObjectIdentifierType>local</premis:linkingObjectIdentifierType><premis:linkingObjectIdentifierValue>${o}</premis:linkingObjectIdentifierValue></premis:linkingObjectIdentifier>\n`;
  }
  yield `  </premis:event>\n`;
}

function object(f: PayloadFile): string {
  const format =
    f.puid !== undefined
      ? `<premis:format><premis:formatRegistry><premis:formatRegistryName>PRONOM</premis:formatRegistryName><premis:formatRegistryKey>${f.puid}</premis:formatRegistryKey></premis:formatRegistry></premis:format>`
      : `<premis:format><premis:formatDesignation><premis:formatName>unknown</premis:formatName></premis:formatDesignation></premis:format>`;
  return (
    `  <premis:object xsi:type="premis:file">\n` +
    `    <premis:objectIdentifier><premis:objectIdentifierType>local</premis:objectIdentifierType><premis:objectIdentifierValue>${f.id}</premis:objectIdentifierValue></premis:objectIdentifier>\n` +
    `    <premis:objectCharacteristics><premis:fixity><premis:messageDigestAlgorithm>SHA-256</premis:messageDigestAlgorithm><premis:messageDigest>${f.sha256}</premis:messageDigest></premis:fixity>` +
    `<premis:size>${f.size}</premis:size>${format}</premis:objectCharacteristics>\n` +
    `    <premis:originalName>${x(f.bagPath)}</premis:originalName>\n  </premis:object>\n`
  );
}

/** PREMIS 3 objects and events piece by piece (one object or event each), for `writeTextPieces`. */
export function* premisPieces(files: readonly PayloadFile[], events: IngestEvents): Generator<string> {
  const ids = files.map((f) => f.id);
  const at = events.receivedAt;
  const intake =
    'intake' in events
      ? events.intake
      : { received: 'xdomea 0503 received', validated: `xdomea ${events.xdomeaVersion} XSD valid` };
  yield `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<premis:premis xmlns:premis="http://www.loc.gov/premis/v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0">\n`;
  for (const f of files) yield object(f);
  yield* event('EV-receipt', 'ingestion', at, 'success', intake.received, ids);
  yield* event('EV-validation', 'validation', at, 'success', intake.validated, ids);
  for (const f of files) {
    yield* event(`EV-format-${f.id}`, 'format identification', at, f.puid ? 'success' : 'failure', f.puid ?? 'format not identified', [f.id]);
  }
  for (const f of files) yield* event(`EV-fixity-${f.id}`, 'fixity check', at, 'success', `SHA-256 ${f.sha256}`, [f.id]);
  yield* events.virusCheck
    ? event('EV-virus', 'virus check', at, events.virusCheck.outcome, events.virusCheck.detail, ids)
    : event('EV-virus', 'virus check', at, 'not performed', 'no virus scanner configured', ids);
  yield `</premis:premis>\n`;
}

/** The whole PREMIS file as one string: for packages of a few files (a Digitalisat). */
export const writePremis = (files: readonly PayloadFile[], events: IngestEvents): string =>
  [...premisPieces(files, events)].join('');
