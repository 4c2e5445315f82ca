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

const event = (
  id: string,
  type: string,
  at: string,
  outcome: string,
  detail: string,
  objects: readonly string[],
): string =>
  `  <premis:event>\n` +
  `    <premis:eventIdentifier><premis:eventIdentifierType>local</premis:eventIdentifierType><premis:eventIdentifierValue>${id}</premis:eventIdentifierValue></premis:eventIdentifier>\n` +
  `    <premis:eventType>${type}</premis:eventType>\n    <premis:eventDateTime>${at}</premis:eventDateTime>\n` +
  `    <premis:eventOutcomeInformation><premis:eventOutcome>${outcome}</premis:eventOutcome>` +
  `<premis:eventOutcomeDetail><premis:eventOutcomeDetailNote>${x(detail)}</premis:eventOutcomeDetailNote></premis:eventOutcomeDetail></premis:eventOutcomeInformation>\n` +
  objects
    .map(
      (o) =>
        `    <premis:linkingObjectIdentifier><premis:linkingObjectIdentifierType>local</premis:linkingObjectIdentifierType><premis:linkingObjectIdentifierValue>${o}</premis:linkingObjectIdentifierValue></premis:linkingObjectIdentifier>\n`,
    )
    .join('') +
  `  </premis:event>\n`;

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

export function writePremis(files: readonly PayloadFile[], events: IngestEvents): string {
  const ids = files.map((f) => f.id);
  const at = events.receivedAt;
  const intake =
    'intake' in events
      ? events.intake
      : { received: 'xdomea 0503 received', validated: `xdomea ${events.xdomeaVersion} XSD valid` };
  const list = [
    event('EV-receipt', 'ingestion', at, 'success', intake.received, ids),
    event('EV-validation', 'validation', at, 'success', intake.validated, ids),
    ...files.map((f) =>
      event(
        `EV-format-${f.id}`,
        'format identification',
        at,
        f.puid ? 'success' : 'failure',
        f.puid ?? 'format not identified',
        [f.id],
      ),
    ),
    ...files.map((f) =>
      event(`EV-fixity-${f.id}`, 'fixity check', at, 'success', `SHA-256 ${f.sha256}`, [f.id]),
    ),
    events.virusCheck
      ? event('EV-virus', 'virus check', at, events.virusCheck.outcome, events.virusCheck.detail, ids)
      : event('EV-virus', 'virus check', at, 'not performed', 'no virus scanner configured', ids),
  ];
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<premis:premis xmlns:premis="http://www.loc.gov/premis/v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0">\n` +
    files.map(object).join('') +
    list.join('') +
    `</premis:premis>\n`
  );
}
