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
import { compact, type ElementReader } from './element-reader';
import { readContact } from './read-contact';

/** The Akte, Vorgang or Dokument inside a Schriftgutobjekt element. */
export function readRecordObject(schriftgutobjekt: ElementReader): RecordObject {
  const akte = schriftgutobjekt.opt('Akte');
  if (akte) return readAkte(akte);
  const vorgang = schriftgutobjekt.opt('Vorgang');
  if (vorgang) return readVorgang(vorgang);
  const dokument = schriftgutobjekt.opt('Dokument');
  if (dokument) return readDokument(dokument);
  throw schriftgutobjekt.invalid(`${schriftgutobjekt.path}/(Akte|Vorgang|Dokument)`, 'missing');
}

/** Aussonderungsart: a code of the standard list or a configured value. */
export function readArchivalValue(aussonderungsart: ElementReader): ArchivalValue {
  const code = aussonderungsart.code('Aussonderungsart');
  if (code) {
    if (code.code === 'A' || code.code === 'B' || code.code === 'V') return code.code;
    throw aussonderungsart.invalid(`${aussonderungsart.path}/Aussonderungsart`, `unknown code`);
  }
  const configured = aussonderungsart.text('AussonderungsartKonfigurierbar');
  if (configured === undefined)
    throw aussonderungsart.invalid(`${aussonderungsart.path}/Aussonderungsart`, 'missing');
  return { configured };
}

function readBase(element: ElementReader): RecordObjectBase {
  const identifikation = element.req('Identifikation');
  const meta = element.opt('AllgemeineMetadaten');
  const aktenplan = meta?.opt('Aktenplaneinheit');
  return compact({
    xdomeaUuid: identifikation.reqToken('ID'),
    position: identifikation.uint('NummerImUebergeordnetenContainer'),
    title: meta?.text('Betreff'),
    aktenzeichen: meta?.text('Kennzeichen'),
    leadOrgUnit: meta?.text('Federfuehrung'),
    recordsOrgUnit: meta?.text('Aktenfuehrung'),
    confidentiality: meta?.code('Vertraulichkeitsstufe')?.code,
    remark: meta?.text('Bemerkung'),
    medium: meta?.code('Medium')?.code,
    aktenplan:
      aktenplan &&
      compact({
        number: aktenplan.text('Kennzeichen'),
        title: aktenplan.text('Inhaltsangabe'),
        shortTitle: aktenplan.text('BetreffKurz'),
      }),
    history: element.all('HistorienProtokollInformation').map(readHistory),
  });
}

function readHistory(entry: ElementReader): HistoryEntry {
  return compact({
    actor: entry.reqText('Akteur'),
    at: entry.reqToken('DatumUhrzeit'),
    action: entry.reqText('Aktion'),
    field: entry.text('MetadatumName'),
    oldValue: entry.text('MetadatumAlterWert'),
    newValue: entry.text('MetadatumNeuerWert'),
    note: entry.text('Bemerkung'),
  });
}

function readArchival(element: ElementReader): ArchivalMetadata | undefined {
  const archival = element.opt('ArchivspezifischeMetadaten');
  if (!archival) return undefined;
  const dauer = archival.opt('Aufbewahrungsdauer');
  const art = archival.opt('Aussonderungsart');
  const proposal = archival.code('Bewertungsvorschlag')?.code;
  if (proposal !== undefined && proposal !== 'A' && proposal !== 'V') {
    throw archival.invalid(`${archival.path}/Bewertungsvorschlag`, 'unknown code');
  }
  return compact<ArchivalMetadata>({
    retentionYears: dauer && readRetention(dauer),
    archivalHint: art && readArchivalValue(art),
    archiveId: archival.text('Kennung'),
    appraisalProposal: proposal,
    retentionEndsAt: archival.tokenOf('Aufbewahrungsende'),
  });
}

function readRetention(dauer: ElementReader): number | 'unlimited' {
  const years = dauer.uint('AnzahlJahre');
  if (years !== undefined) return years;
  if (dauer.bool('Unbefristet') === true) return 'unlimited';
  throw dauer.invalid(`${dauer.path}/AnzahlJahre`, 'missing');
}

function readPeriod(element: ElementReader): Period | undefined {
  const laufzeit = element.opt('Laufzeit');
  return laufzeit && compact({ start: laufzeit.tokenOf('Beginn'), end: laufzeit.tokenOf('Ende') });
}

export function readAkte(akte: ElementReader): Akte {
  const inhalt = akte.opt('Akteninhalt');
  return compact({
    kind: 'akte' as const,
    ...readBase(akte),
    archival: readArchival(akte),
    location: akte.text('Standort'),
    akteType: akte.text('Typ'),
    period: readPeriod(akte),
    documents: inhalt?.all('Dokument').map(readDokument),
    vorgaenge: inhalt?.all('Vorgang').map(readVorgang),
    teilakten: inhalt?.all('Teilakte').map(readAkte),
    contacts: akte.all('Kontakt').map(readContact),
    zda: akte.bool('ZdA'),
    zdaAt: akte.tokenOf('ZdADatum'),
  });
}

export function readVorgang(vorgang: ElementReader): Vorgang {
  return compact({
    kind: 'vorgang' as const,
    ...readBase(vorgang),
    archival: readArchival(vorgang),
    akteTitle: vorgang.text('Aktenbetreff'),
    vorgangType: vorgang.text('Typ'),
    zda: vorgang.bool('ZdA'),
    zdaAt: vorgang.tokenOf('ZdADatum'),
    period: readPeriod(vorgang),
    documents: vorgang.all('Dokument').map(readDokument),
    contacts: vorgang.all('Kontakt').map(readContact),
    teilvorgaenge: vorgang.all('Teilvorgang').map(readVorgang),
  });
}

export function readDokument(dokument: ElementReader): Dokument {
  return compact({
    kind: 'dokument' as const,
    ...readBase(dokument),
    senderReference: dokument.text('FremdesGeschaeftszeichen'),
    receivedAt: dokument.tokenOf('Posteingangsdatum'),
    sentAt: dokument.tokenOf('Postausgangsdatum'),
    documentDate: dokument.tokenOf('DatumDesSchreibens'),
    regarding: dokument.text('Bezug'),
    clerk: dokument.text('Bearbeiter'),
    docType: dokument.text('Typ'),
    versions: dokument.all('Version').map(readVersion),
    attachments: dokument.all('Anlage').map(readAnlage),
    senders: dokument.all('Absender').map(readContact),
    recipients: dokument.all('Empfaenger').map(readContact),
    otherContacts: dokument.all('WeitererKontakt').map(readContact),
  });
}

export function readAnlage(anlage: ElementReader): Anlage {
  return compact({ ...readDokument(anlage), attachmentNumber: anlage.text('Nummer') });
}

function readVersion(version: ElementReader): DocumentVersion {
  return { number: version.reqText('Nummer'), formats: version.all('Format').map(readFormat) };
}

function readFormat(format: ElementReader): DocumentFormat {
  const name = format.reqCode('Name');
  const primaer = format.req('Primaerdokument');
  return compact({
    code: name.code,
    codeListVersion: name.listVersion ?? '',
    otherName: format.text('SonstigerName'),
    formatVersion: format.reqText('Version'),
    file: compact({
      fileName: primaer.reqToken('Dateiname'),
      originalFileName: primaer.text('DateinameOriginal'),
      creator: primaer.text('Ersteller'),
      createdAt: primaer.tokenOf('DatumUhrzeit'),
    }),
  });
}
