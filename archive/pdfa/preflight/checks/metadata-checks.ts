import { PDFArray, PDFHexString, PDFString } from 'pdf-lib';
import { parsePdfDate, parseXmpDate } from '../../metadata/dates';
import { idHexToUuid } from '../../metadata/document-id';
import { readXmp, type XmpFacts } from '../../metadata/read-xmp';
import type { Findings } from '../findings';
import { decodeStream, streamFilters } from '../parse/decode-stream';
import { dictOf, get, nameOf, streamOf, textOf } from '../inspect/pdf-values';
import type { Inspected } from './inspected';

export interface Claim {
  readonly part: number;
  readonly conformance: string;
}

/** Reads and judges the catalog's XMP; returns the facts for the consistency check. */
export function checkXmp(
  pdf: Inspected,
  findings: Findings,
): { facts: XmpFacts | null; claim: Claim | null } {
  const none = { facts: null, claim: null };
  const metadataRef = get(pdf.catalog, 'Metadata');
  const stream = streamOf(pdf.context, metadataRef);
  if (!stream) {
    findings.error('metadata.xmp', 'Die XMP-Metadaten fehlen.', 'catalog has no /Metadata stream');
    return none;
  }
  if (pdf.encrypted) {
    findings.error(
      'metadata.xmp',
      'Die XMP-Metadaten sind verschlüsselt und nicht prüfbar.',
      'file is encrypted',
    );
    return none;
  }
  if (
    nameOf(pdf.context, get(stream.dict, 'Type')) !== 'Metadata' ||
    nameOf(pdf.context, get(stream.dict, 'Subtype')) !== 'XML'
  ) {
    findings.error(
      'metadata.xmp',
      'Der Metadatenstrom ist nicht als XMP gekennzeichnet.',
      'metadata stream lacks /Type /Metadata /Subtype /XML',
    );
  }
  if (streamFilters(stream).length > 0) {
    findings.warning(
      'metadata.xmp',
      'Die XMP-Metadaten sind komprimiert; manche Archivprüfungen verlangen sie unkomprimiert.',
      `metadata stream has filter ${streamFilters(stream).join('+')}`,
    );
  }
  const decoded = decodeStream(stream, pdf.budget);
  if (!decoded.ok) {
    findings.error(
      'metadata.xmp',
      'Die XMP-Metadaten sind nicht lesbar.',
      `metadata stream: ${decoded.problem}`,
    );
    return none;
  }
  const read = readXmp(decoded.bytes);
  if (!read.ok) {
    findings.error('metadata.xmp', 'Die XMP-Metadaten sind kein gültiges XMP.', `XMP: ${read.problem}`);
    return none;
  }
  const { facts } = read;
  if (facts.forbiddenPacketAttributes) {
    findings.error(
      'metadata.xmp',
      'Der XMP-Paketkopf enthält unzulässige Angaben (bytes/encoding).',
      'xpacket header has bytes or encoding attribute',
    );
  }
  const part = Number(facts.part);
  const conformance = (facts.conformance ?? '').toUpperCase();
  if (facts.part === undefined || !Number.isInteger(part)) {
    findings.error('metadata.xmp', 'Die XMP-Metadaten enthalten keine PDF/A-Kennung.', 'no pdfaid:part');
    return { facts, claim: null };
  }
  const claim = { part, conformance };
  if (part !== 2) {
    findings.error(
      'metadata.xmp',
      `Die Datei gibt PDF/A-${part} an, erwartet wird PDF/A-2.`,
      `pdfaid:part is ${part}`,
    );
  }
  if (!['A', 'B', 'U'].includes(conformance)) {
    findings.error(
      'metadata.xmp',
      'Die PDF/A-Konformitätsstufe fehlt oder ist ungültig.',
      `pdfaid:conformance is ${facts.conformance ?? 'missing'}`,
    );
  } else if (conformance !== 'B') {
    findings.note(
      'metadata.xmp',
      `Die Datei gibt PDF/A-2${conformance.toLowerCase()} an; geprüft wird mindestens PDF/A-2b.`,
      `claims 2${conformance}, checked as 2B`,
    );
  }
  checkIdentifiers(pdf, facts, findings);
  return { facts, claim };
}

function checkIdentifiers(pdf: Inspected, facts: XmpFacts, findings: Findings): void {
  const id = pdf.context.lookup(pdf.context.trailerInfo.ID);
  if (!(id instanceof PDFArray) || facts.documentId === undefined) return;
  const first = id.get(0);
  const hex =
    first instanceof PDFHexString || first instanceof PDFString
      ? Buffer.from(first.asBytes()).toString('hex')
      : '';
  const uuid = idHexToUuid(hex);
  if (uuid !== null && facts.documentId.toLowerCase() !== `uuid:${uuid}`) {
    findings.warning(
      'metadata.xmp',
      'Die Dokumentkennung in XMP (xmpMM:DocumentID) weicht von der Dateikennung (/ID) ab.',
      'xmpMM:DocumentID does not match the first trailer /ID entry',
    );
  }
}

const sameText = (a: string, b: string): boolean => a.normalize('NFC').trim() === b.normalize('NFC').trim();

/** PDF/A-2 (6.6.2.3.1): Info entries that are present must say the same as their XMP counterparts. */
export function checkInfoConsistency(pdf: Inspected, facts: XmpFacts | null, findings: Findings): void {
  const info = dictOf(pdf.context, pdf.context.trailerInfo.Info);
  if (!info) return;
  if (pdf.encrypted) {
    findings.error(
      'metadata.consistency',
      'Die Dokumentinformationen sind verschlüsselt und nicht prüfbar.',
      'file is encrypted',
    );
    return;
  }
  if (!facts) {
    findings.error(
      'metadata.consistency',
      'Ohne lesbare XMP-Metadaten ist die Übereinstimmung nicht prüfbar.',
      'no readable XMP to compare with',
    );
    return;
  }
  const compare = (
    key: string,
    label: string,
    xmp: string | undefined,
    equal: (info: string, xmp: string) => boolean,
  ) => {
    const value = textOf(pdf.context, get(info, key));
    if (value === undefined) return;
    if (xmp === undefined || !equal(value, xmp)) {
      findings.error(
        'metadata.consistency',
        `${label} in den Dokumentinformationen stimmt nicht mit den XMP-Metadaten überein.`,
        `Info /${key} ${xmp === undefined ? 'has no XMP counterpart' : 'differs from XMP'}`,
      );
    }
  };
  const sameDate = (a: string, b: string) =>
    parsePdfDate(a)?.getTime() === parseXmpDate(b)?.getTime() && parsePdfDate(a) !== null;
  compare('Title', 'Der Titel', facts.title, sameText);
  compare('Author', 'Der Autor', facts.creators.length === 1 ? facts.creators[0] : undefined, sameText);
  compare('Subject', 'Der Betreff', facts.description, sameText);
  compare('Keywords', 'Die Schlagwörter', facts.keywords, sameText);
  compare('Creator', 'Das erstellende Programm', facts.creatorTool, sameText);
  compare('Producer', 'Der PDF-Erzeuger', facts.producer, sameText);
  compare('CreationDate', 'Das Erstellungsdatum', facts.createDate, sameDate);
  compare('ModDate', 'Das Änderungsdatum', facts.modifyDate, sameDate);
}
