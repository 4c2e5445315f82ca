import type { AutoFilingState } from '../../../contract/methods/classify';

const percent = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 0 });
export const formatConfidence = (p: number): string => percent.format(p);

/** German texts of the clerk's Posteingang with filing proposals (classification, issue 5). */
export const pe = {
  sections: 'Posteingang und automatisch zugeordnete Dokumente',
  tabInbox: 'Zur Ablage',
  tabAuto: (n: number) => `Automatisch zugeordnet (${n})`,
  noProposal: 'noch kein Vorschlag',
  rowProposal: (target: string, confidence: string) => `Vorschlag ${target} · ${confidence}`,
  needsReview: 'Bitte prüfen: Bezug auf Akten eines anderen Amtes',
  proposalsTitle: 'Ablagevorschläge',
  proposalsLabel: 'Vorschläge (Taste 1, 2 oder 3)',
  noCandidates: 'Für dieses Dokument gibt es keinen Vorschlag. Bitte suchen Sie die Akte unten.',
  confidence: (c: string) => `Sicherheit ${c}`,
  kindAkte: 'Akte mit passendem Bezug',
  kindPosition: 'Aktenplanposition (gelernt)',
  reasonsLabel: 'Gründe',
  reasonWords: 'Wörter',
  accept: 'Vorschlag übernehmen',
  acceptHint: 'Eingabetaste',
  chooseAkte: (number: string) => `Akte unter ${number} wählen`,
  correctTitle: 'Andere Akte oder anderen Vorgang wählen',
  newVorgangTitle: 'In einem neuen Vorgang ablegen',
  newVorgangLabel: (az: string) => `Titel eines neuen Vorgangs in ${az}`,
  newVorgangSubmit: 'Neuen Vorgang anlegen und ablegen',
  filedConfirmed: (az: string) => `Abgelegt in ${az}. Der Vorschlag wurde bestätigt.`,
  filedCorrected: (az: string) => `Abgelegt in ${az}. Die Korrektur wird für die nächsten Vorschläge gelernt.`,
  textTitle: 'Dokumenttext',
  original: 'Originaldokument ansehen',
  textHint: 'Markiert: die Bezüge und Wörter, die zum gewählten Vorschlag geführt haben.',
  emptyText: 'Das Dokument enthält keinen lesbaren Text.',
  deadline: (date: string) => `Frist laut Schreiben: ${date}`,
  deadlineWv: 'Wiedervorlage zur Frist anlegen',
  deadlineWvNote: 'Frist aus dem Eingangsschreiben',
  autoFiledTitle: 'Automatisch zugeordnete Dokumente',
  autoFiledEmpty: 'Keine automatisch zugeordneten Dokumente.',
  autoFiledMeta: (az: string, confidence: string, at: string) => `${az} · Sicherheit ${confidence} · ${at}`,
  undo: 'Rückgängig',
  undoLabel: (title: string) => `Zuordnung von „${title}“ rückgängig machen`,
  undone: (title: string) => `„${title}“ liegt wieder im Posteingang; die Zuordnung zählt als falscher Vorschlag.`,
  shortcutsTitle: 'Tastenkürzel im Posteingang',
  shortcuts: [
    ['1 2 3', 'Vorschlag 1, 2 oder 3 wählen'],
    ['Eingabetaste', 'Gewählten Vorschlag übernehmen'],
    ['a', 'Andere Akte suchen (Korrektur)'],
    ['↑ ↓ Eingabetaste', 'In der Liste wechseln und Dokument öffnen'],
  ] as const,
  autoStatus: (amt: string, s: AutoFilingState): string =>
    s.enabled && s.threshold !== null
      ? `Automatische Ablage ${amt}: an, ab ${formatConfidence(s.threshold)} Sicherheit (nachgewiesen an den letzten ${s.outcomes} Entscheidungen des Amtes).`
      : s.reason === 'precision_below_target'
        ? `Automatische Ablage ${amt}: aus. Die Vorschläge waren bei den letzten ${s.outcomes} Entscheidungen des Amtes noch nicht zuverlässig genug.`
        : `Automatische Ablage ${amt}: aus, bis mindestens 200 geprüfte Vorschläge des Amtes nachweislich zu 98,5 % stimmen (bisher ${s.outcomes} Entscheidungen).`,
  referenceType: {
    kassenzeichen: 'Kassenzeichen',
    vollstreckungsnummer: 'Vollstreckungsnummer',
    courtAktenzeichen: 'Gerichtsaktenzeichen',
    aktenzeichen: 'Aktenzeichen',
    azrNummer: 'AZR-Nummer',
    person: 'Person',
    iban: 'IBAN',
    amount: 'Betrag',
    date: 'Datum',
    documentDate: 'Datum des Schreibens',
    deadline: 'Frist',
    sender: 'Absender',
  } as Readonly<Record<string, string>>,
};
