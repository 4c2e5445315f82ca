import { defineErrors } from './define';

/**
 * German texts of the ingest findings (archive/ingest, stable English codes such as `file_missing`),
 * shown per object to the archivist. `detail` is the file name, check id or value the finding names.
 */
export const archivFindingTexts = defineErrors({
  'archiv.file_missing': { retryable: false, de: (p) => `Die Primärdatei ${p.detail} fehlt im Paket.` },
  'archiv.file_empty': { retryable: false, de: () => 'Die Primärdatei ist leer.' },
  'archiv.file_unreferenced': {
    retryable: false,
    de: (p) => `Die Datei ${p.detail} liegt im Paket, wird aber in der Nachricht nicht genannt.`,
  },
  'archiv.prozess_id_mismatch': {
    retryable: false,
    de: (p) => `Der Dateiname ${p.detail} passt nicht zur ProzessID im Nachrichtenkopf.`,
  },
  'archiv.checksum_mismatch': {
    retryable: false,
    de: (p) =>
      `Die Prüfsumme von ${p.detail} stimmt nicht mit dem mitgelieferten SHA-256-Verzeichnis überein; die Datei wurde verändert.`,
  },
  'archiv.manifest_invalid': {
    retryable: false,
    de: (p) => `Das mitgelieferte SHA-256-Verzeichnis hat eine unlesbare Zeile (${p.detail}).`,
  },
  'archiv.virus_found': {
    retryable: false,
    de: (p) => `Der Virenscanner meldet einen Fund: ${p.detail}. Die Dateien des Pakets werden nicht übernommen.`,
  },
  'archiv.virus_check_failed': {
    retryable: false,
    de: (p) => `Die Virenprüfung ist fehlgeschlagen (${p.detail}); das Paket gilt als nicht geprüft.`,
  },
  'archiv.duplicate_uuid': {
    retryable: false,
    de: (p) => `Die UUID ${p.detail} kommt in der Nachricht mehrfach vor.`,
  },
  'archiv.format_unknown': { retryable: false, de: () => 'Das Dateiformat ist nicht erkannt worden.' },
  'archiv.extension_mismatch': {
    retryable: false,
    de: (p) => `Die Dateiendung passt nicht zum erkannten Format (${p.detail}).`,
  },
  'archiv.pdf_unreadable': { retryable: false, de: () => 'Die PDF-Datei ist nicht lesbar.' },
  'archiv.pdfa_check_failed': {
    retryable: false,
    de: (p) =>
      `Die PDF/A-Prüfung meldet einen Mangel (Prüfung ${p.detail}); die Datei kann später migriert werden.`,
  },
  'archiv.image_unreadable': { retryable: false, de: () => 'Die Bilddatei ist nicht lesbar.' },
  'archiv.image_resolution_missing': { retryable: false, de: () => 'Die Bilddatei nennt keine Auflösung.' },
  'archiv.image_resolution_low': {
    retryable: false,
    de: (p) => `Die Auflösung der Bilddatei ist zu gering (${p.detail}, mindestens 150 dpi).`,
  },
  'archiv.not_appraised': {
    retryable: false,
    de: () => 'Das Objekt wurde nicht angeboten oder nicht bewertet und darf nicht übergeben werden.',
  },
  'archiv.appraised_destroy': {
    retryable: false,
    de: () => 'Das Objekt wurde als vernichten (V) bewertet und darf nicht übergeben werden.',
  },
  'archiv.appraisal_not_final': {
    retryable: false,
    de: (p) => `Die Bewertung des Objekts ist nicht abschließend (${p.detail}).`,
  },
  'archiv.appraisal_prozess_id_mismatch': {
    retryable: false,
    de: (p) => `Die Bewertung (0502) gehört zu einer anderen ProzessID (${p.detail}).`,
  },
  'archiv.archival_object_missing': {
    retryable: false,
    de: (p) => `Das als archivwürdig (A) bewertete Objekt ${p.detail} fehlt in der Aussonderung.`,
  },
  'archiv.already_archived': {
    retryable: false,
    de: (p) => `Das Objekt wurde bereits mit der Aussonderung ${p.detail} übernommen.`,
  },
});
