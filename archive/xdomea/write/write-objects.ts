import type {
  Akte,
  Anlage,
  ArchivalMetadata,
  ArchivalValue,
  DocumentFormat,
  DocumentVersion,
  Dokument,
  HistoryEntry,
  Period,
  RecordObject,
  RecordObjectBase,
  Vorgang,
} from '../model';
import type { XmlNode } from '../xml/xml-writer';
import {
  boolNode,
  codeNode,
  dateTime,
  fileName,
  invalidInput,
  node,
  oneOf,
  optBool,
  optDate,
  optGroup,
  optText,
  textNode,
  unsignedInt,
  uuid,
} from './nodes';
import { contactNode } from './write-contact';

const fixedList = (list: string, version: string, code: string) => ({
  code,
  listUri: `urn:xoev-de:xdomea:codeliste:${list}`,
  listVersion: version,
});

const DATEIFORMAT_LIST = 'urn:xoev-de:xdomea:codeliste:dateiformat';
const MAX_UNSIGNED_INT = 4_294_967_295;
const MAX_UNSIGNED_SHORT = 65_535;

/** RecordObject → the Akte, Vorgang or Dokument element inside a Schriftgutobjekt. */
export function recordObjectNode(object: RecordObject, at: string): XmlNode {
  switch (object.kind) {
    case 'akte':
      return akteNode('Akte', object, at);
    case 'vorgang':
      return vorgangNode('Vorgang', object, at);
    case 'dokument':
      return dokumentNode('Dokument', object, at);
  }
}

/** Aussonderungsart content: a standard code or a configured value. */
export function archivalValueNode(name: string, value: ArchivalValue, at: string): XmlNode {
  if (typeof value === 'string') {
    return node(name, [
      codeNode('Aussonderungsart', fixedList('aussonderungsart', '1.0', oneOf(value, ['A', 'B', 'V'], at))),
    ]);
  }
  return node(name, [textNode('AussonderungsartKonfigurierbar', value.configured)]);
}

function identification(object: RecordObjectBase, at: string): XmlNode {
  return node('Identifikation', [
    textNode('ID', uuid(object.xdomeaUuid, `${at}.xdomeaUuid`)),
    object.position === undefined
      ? undefined
      : textNode(
          'NummerImUebergeordnetenContainer',
          unsignedInt(object.position, MAX_UNSIGNED_INT, `${at}.position`),
        ),
  ]);
}

function generalMetadata(object: RecordObjectBase, at: string): XmlNode | undefined {
  const aktenplan = object.aktenplan;
  return optGroup('AllgemeineMetadaten', [
    optText('Betreff', object.title),
    optText('Kennzeichen', object.aktenzeichen),
    optText('Federfuehrung', object.leadOrgUnit),
    optText('Aktenfuehrung', object.recordsOrgUnit),
    object.confidentiality === undefined
      ? undefined
      : codeNode(
          'Vertraulichkeitsstufe',
          fixedList(
            'vertraulichkeitsstufe',
            '1.0',
            oneOf(object.confidentiality, ['001', '002', '003', '004', '005'], `${at}.confidentiality`),
          ),
        ),
    optText('Bemerkung', object.remark),
    object.medium === undefined
      ? undefined
      : codeNode(
          'Medium',
          fixedList('medium', '1.0', oneOf(object.medium, ['001', '002', '003'], `${at}.medium`)),
        ),
    aktenplan &&
      node('Aktenplaneinheit', [
        optText('Kennzeichen', aktenplan.number),
        optText('Inhaltsangabe', aktenplan.title),
        optText('BetreffKurz', aktenplan.shortTitle),
      ]),
  ]);
}

function archivalMetadata(archival: ArchivalMetadata | undefined, at: string): XmlNode | undefined {
  if (!archival) return undefined;
  const years = archival.retentionYears;
  return node('ArchivspezifischeMetadaten', [
    years === undefined
      ? undefined
      : node('Aufbewahrungsdauer', [
          years === 'unlimited'
            ? boolNode('Unbefristet', true)
            : textNode('AnzahlJahre', unsignedInt(years, MAX_UNSIGNED_SHORT, `${at}.retentionYears`)),
        ]),
    archival.archivalHint === undefined
      ? undefined
      : archivalValueNode('Aussonderungsart', archival.archivalHint, `${at}.archivalHint`),
    optText('Kennung', archival.archiveId),
    archival.appraisalProposal === undefined
      ? undefined
      : codeNode(
          'Bewertungsvorschlag',
          fixedList(
            'bewertungsvorschlag',
            '1.0',
            oneOf(archival.appraisalProposal, ['A', 'V'], `${at}.appraisalProposal`),
          ),
        ),
    optDate('Aufbewahrungsende', archival.retentionEndsAt, `${at}.retentionEndsAt`),
  ]);
}

function periodNode(period: Period | undefined, at: string): XmlNode | undefined {
  return (
    period &&
    node('Laufzeit', [
      optDate('Beginn', period.start, `${at}.start`),
      optDate('Ende', period.end, `${at}.end`),
    ])
  );
}

const historyNodes = (object: RecordObjectBase, at: string): XmlNode[] =>
  (object.history ?? []).map((entry: HistoryEntry, i) =>
    node('HistorienProtokollInformation', [
      optText('MetadatumName', entry.field),
      optText('MetadatumAlterWert', entry.oldValue),
      optText('MetadatumNeuerWert', entry.newValue),
      textNode('Akteur', entry.actor),
      textNode('DatumUhrzeit', dateTime(entry.at, `${at}.history[${i}].at`)),
      optText('Bemerkung', entry.note),
      textNode('Aktion', entry.action),
    ]),
  );

const contactNodes = (name: string, contacts: Dokument['senders']): XmlNode[] =>
  (contacts ?? []).map((c) => contactNode(name, c));

function akteNode(name: string, akte: Akte, at: string): XmlNode {
  const inhalt = optGroup('Akteninhalt', [
    ...(akte.documents ?? []).map((d, i) => dokumentNode('Dokument', d, `${at}.documents[${i}]`)),
    ...(akte.vorgaenge ?? []).map((v, i) => vorgangNode('Vorgang', v, `${at}.vorgaenge[${i}]`)),
    ...(akte.teilakten ?? []).map((t, i) => akteNode('Teilakte', t, `${at}.teilakten[${i}]`)),
  ]);
  return node(name, [
    identification(akte, at),
    generalMetadata(akte, at),
    archivalMetadata(akte.archival, `${at}.archival`),
    optText('Standort', akte.location),
    optText('Typ', akte.akteType),
    periodNode(akte.period, `${at}.period`),
    ...historyNodes(akte, at),
    inhalt,
    ...contactNodes('Kontakt', akte.contacts),
    optBool('ZdA', akte.zda),
    optDate('ZdADatum', akte.zdaAt, `${at}.zdaAt`),
  ]);
}

function vorgangNode(name: string, vorgang: Vorgang, at: string): XmlNode {
  return node(name, [
    identification(vorgang, at),
    generalMetadata(vorgang, at),
    archivalMetadata(vorgang.archival, `${at}.archival`),
    optText('Aktenbetreff', vorgang.akteTitle),
    optText('Typ', vorgang.vorgangType),
    optBool('ZdA', vorgang.zda),
    optDate('ZdADatum', vorgang.zdaAt, `${at}.zdaAt`),
    periodNode(vorgang.period, `${at}.period`),
    ...historyNodes(vorgang, at),
    ...(vorgang.documents ?? []).map((d, i) => dokumentNode('Dokument', d, `${at}.documents[${i}]`)),
    ...contactNodes('Kontakt', vorgang.contacts),
    ...(vorgang.teilvorgaenge ?? []).map((t, i) =>
      vorgangNode('Teilvorgang', t, `${at}.teilvorgaenge[${i}]`),
    ),
  ]);
}

export function dokumentNode(name: string, dokument: Dokument | Anlage, at: string): XmlNode {
  const attachmentNumber = 'attachmentNumber' in dokument ? dokument.attachmentNumber : undefined;
  if (attachmentNumber !== undefined && name !== 'Anlage')
    throw invalidInput(`${at}.attachmentNumber`, 'nur für Anlagen');
  return node(name, [
    identification(dokument, at),
    generalMetadata(dokument, at),
    optText('FremdesGeschaeftszeichen', dokument.senderReference),
    optDate('Posteingangsdatum', dokument.receivedAt, `${at}.receivedAt`),
    optDate('Postausgangsdatum', dokument.sentAt, `${at}.sentAt`),
    optDate('DatumDesSchreibens', dokument.documentDate, `${at}.documentDate`),
    optText('Bezug', dokument.regarding),
    optText('Bearbeiter', dokument.clerk),
    optText('Typ', dokument.docType),
    ...historyNodes(dokument, at),
    ...(dokument.versions ?? []).map((v, i) => versionNode(v, `${at}.versions[${i}]`)),
    ...(dokument.attachments ?? []).map((a, i) => dokumentNode('Anlage', a, `${at}.attachments[${i}]`)),
    ...contactNodes('Absender', dokument.senders),
    ...contactNodes('Empfaenger', dokument.recipients),
    ...contactNodes('WeitererKontakt', dokument.otherContacts),
    optText('Nummer', attachmentNumber),
  ]);
}

function versionNode(version: DocumentVersion, at: string): XmlNode {
  if (version.formats.length === 0) throw invalidInput(`${at}.formats`, 'mindestens ein Format nötig');
  return node('Version', [
    textNode('Nummer', version.number),
    ...version.formats.map((f, i) => formatNode(f, `${at}.formats[${i}]`)),
  ]);
}

function formatNode(format: DocumentFormat, at: string): XmlNode {
  if (format.code === '100' && !format.otherName)
    throw invalidInput(`${at}.otherName`, 'für Code 100 (Sonstiges) nötig');
  const file = format.file;
  return node('Format', [
    codeNode('Name', { code: format.code, listUri: DATEIFORMAT_LIST, listVersion: format.codeListVersion }),
    optText('SonstigerName', format.otherName),
    textNode('Version', format.formatVersion),
    node('Primaerdokument', [
      textNode('Dateiname', fileName(file.fileName, `${at}.file.fileName`)),
      optText('DateinameOriginal', file.originalFileName),
      optText('Ersteller', file.creator),
      file.createdAt === undefined
        ? undefined
        : textNode('DatumUhrzeit', dateTime(file.createdAt, `${at}.file.createdAt`)),
    ]),
  ]);
}
