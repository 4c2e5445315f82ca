import type { IngestStatus } from '../../../../contract/methods/archiv';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** German texts of the archive's receiving screens (Übernahme); finding texts come from the core. */
export const t = {
  nav: 'Übernahme',
  title: 'Übernahme ins Archiv',
  intro:
    'Aussonderungen der Ämter (xdomea 0503) annehmen, je Objekt prüfen, mit der eigenen Bewertung (0502) abgleichen, Empfang und Übernahme bestätigen (0507/0506) und für DiPS.kommunal verpacken.',
  status: { ok: 'in Ordnung', warning: 'Warnung', error: 'Fehler' } satisfies Record<IngestStatus, string>,
  receive: {
    title: 'Aussonderung annehmen',
    file: 'Paket (ZIP)',
    path: 'oder Pfad auf diesem Rechner (ZIP oder entpackter Ordner)',
    folder: 'oder entpackter Ordner auf diesem Rechner',
    chooseFolder: 'Ordner wählen …',
    hint: 'Große Pakete und entpackte Ordner über den Pfad annehmen; das Paket wird sicher entpackt und vollständig geprüft.',
    hintChosen: 'Das Paket wird sicher entpackt und vollständig geprüft.',
    submit: 'Annehmen und prüfen',
    pending: 'Wird geprüft …',
    appraisalTitle: 'Eigene Bewertung (0502) hinterlegen',
    appraisalFile: 'Bewertungsverzeichnis (0502)',
    appraisalSubmit: 'Bewertung hinterlegen',
    appraisalDone: (n: number, id: string) =>
      `Bewertung mit ${plural(n, 'Objekt', 'Objekten')} für ${id} hinterlegt.`,
  },
  list: {
    title: 'Eingegangene Aussonderungen',
    none: 'Noch keine Aussonderung eingegangen.',
    received: 'Eingang',
    source: 'Paket',
    prozess: 'ProzessID',
    status: 'Prüfung',
    objects: 'Inhalt',
    confirmation: 'Bestätigung',
    submission: 'DiPS.kommunal',
    counts: (akten: number, dokumente: number, files: number) =>
      `${plural(akten, 'Akte', 'Akten')}, ${plural(dokumente, 'Dokument', 'Dokumente')}, ${plural(files, 'Datei', 'Dateien')}`,
    refused: 'abgewiesen',
    open: 'offen',
    accepted: 'übernommen',
    rejected: 'abgelehnt',
    packaged: 'verpackt',
  },
  detail: {
    back: 'Zurück zur Übersicht',
    title: (source: string) => `Übernahme ${source}`,
    facts: 'Angaben zum Eingang',
    prozessId: 'ProzessID',
    version: 'xdomea-Version',
    received: 'Eingegangen',
    by: 'von',
    refused: 'Abgewiesen',
    appraisal: 'Abgleich mit der Bewertung (0502)',
    appraisalKnown:
      'Mit der hinterlegten Bewertung abgeglichen: archivwürdige Objekte müssen alle enthalten sein, als vernichten (V) bewertete oder nicht angebotene dürfen fehlen.',
    appraisalUnknown:
      'Für diese ProzessID ist keine eigene Bewertung (0502) hinterlegt; der Abgleich entfällt.',
    appraisalFindings: (n: number) =>
      n === 0
        ? 'Der Abgleich ergab keine Abweichung.'
        : `Der Abgleich ergab ${plural(n, 'Abweichung', 'Abweichungen')}.`,
    packageFindings: 'Befunde zum Paket',
    report: 'Prüfbericht je Objekt',
    shown: (shown: number, total: number) => `${shown} von ${total} Objekten angezeigt`,
    more: 'Weitere Objekte laden',
    loadingMore: 'Lädt weitere Objekte …',
    kind: { akte: 'Akte', vorgang: 'Vorgang', dokument: 'Dokument' },
    object: 'Objekt',
    status: 'Prüfung',
    files: 'Primärdateien',
    findings: 'Befunde',
    none: 'keine',
    fileLine: (name: string, format: string) => `${name} (${format})`,
    unknownFormat: 'Format unbekannt',
    missing: 'fehlt',
    actions: 'Schritte',
    outDir: 'Zielordner (leer: Standardordner)',
    chooseOutDir: 'Ordner wählen …',
    confirm: 'Empfang und Übernahme bestätigen (0507/0506)',
    confirming: 'Wird bestätigt …',
    confirmed: (accepted: boolean) =>
      accepted
        ? 'Übernahme bestätigt: alle Objekte übernommen.'
        : 'Übernahme abgelehnt: die Importbestätigung nennt die Fehler je Objekt.',
    written: (what: string, path: string) => `${what}: ${path}`,
    receipt: 'Empfangsbestätigung (0507)',
    importConfirmation: 'Importbestätigung (0506)',
    package: 'Für DiPS.kommunal verpacken',
    packaging: 'Wird verpackt …',
    packaged: (path: string, files: number) =>
      `Übergabepaket geschrieben: ${path} (${plural(files, 'Datei', 'Dateien')})`,
    notPackable: 'Nur eine Aussonderung ohne Fehler wird verpackt.',
  },
  fixity: {
    digitalisat: 'Digitalisat',
    title: 'Bestandserhaltung: Prüfsummen der Übergabepakete',
    run: 'Alle Pakete prüfen',
    running: 'Wird geprüft …',
    none: 'Noch keine Prüfung durchgeführt.',
    summary: (packages: number, files: number, bad: number) =>
      `${plural(packages, 'Paket', 'Pakete')}, ${plural(files, 'Datei', 'Dateien')} geprüft: ${bad === 0 ? 'alle unverändert' : `${bad} mit Abweichungen`}`,
    checkedAt: 'Geprüft',
    outcome: { ok: 'unverändert', changed: 'verändert', missing: 'Paket fehlt' },
    change: { changed: 'verändert', missing: 'fehlt', unlisted: 'nicht im Manifest' },
  },
};
