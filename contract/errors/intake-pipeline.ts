import { defineErrors } from './define';

/**
 * Errors of the persisted jobs (core/jobs) and of the intake pipeline around the OCR building blocks:
 * sources (files, folders, hot folder, e-mail), Klärfälle, retry and discard. Errors about one file's
 * content (format, encryption, size) are in ./intake.
 */
export const intakePipelineErrors = defineErrors({
  'jobs.not_found': {
    retryable: false,
    de: () => 'Der Verarbeitungsauftrag wurde nicht gefunden.',
  },
  'jobs.wrong_status': {
    retryable: false,
    de: (p) => `Der Verarbeitungsauftrag ist im Zustand „${p.status}“ und kann nicht ${p.action} werden.`,
  },
  'jobs.work_file_missing': {
    retryable: true,
    de: (p) =>
      `Zwischenergebnisse des Schritts „${p.stage}“ fehlen oder sind beschädigt. Bitte lesen Sie das Original erneut ein.`,
  },
  'jobs.stage_crashed': {
    retryable: true,
    de: (p) =>
      `Der Schritt „${p.stage}“ ist unerwartet abgebrochen. Sie können es erneut versuchen; tritt der Fehler wieder auf, wenden Sie sich bitte an den IT-Support (Referenz ${p.ref}).`,
  },
  'jobs.discarded': {
    retryable: false,
    de: () => 'Der Auftrag wurde verworfen; das Original bleibt gespeichert.',
  },
  'intake.source_not_found': {
    retryable: false,
    de: (p) => `Die Datei oder der Ordner „${p.path}“ wurde nicht gefunden.`,
  },
  'intake.source_unreadable': {
    retryable: true,
    de: (p) => `Die Datei „${p.path}“ kann nicht gelesen werden (keine Berechtigung oder gesperrt).`,
  },
  'intake.no_files': {
    retryable: false,
    de: (p) => `Im Ordner „${p.path}“ wurden keine Dateien gefunden.`,
  },
  'intake.mail_unreadable': {
    retryable: false,
    de: (p) => `Die E-Mail-Datei ist beschädigt oder keine E-Mail (${p.reason}).`,
  },
  'intake.attachment_blocked': {
    retryable: false,
    de: (p) =>
      `Der Anhang „${p.name}“ der E-Mail wurde aus Sicherheitsgründen nicht übernommen (${p.reason}). Die E-Mail selbst und die übrigen Anhänge wurden eingelesen.`,
  },
  'intake.pdf_javascript': {
    retryable: false,
    de: () =>
      'Das PDF enthält JavaScript (aktive Inhalte) und wird aus Sicherheitsgründen nicht übernommen. Das Original ist gespeichert; bitte fordern Sie eine Fassung ohne aktive Inhalte an oder verwerfen Sie den Eingang.',
  },
  'intake.pdf_embedded_files': {
    retryable: false,
    de: () =>
      'Das PDF enthält eingebettete Dateien, die nicht geprüft werden können, und wird nicht übernommen. Das Original ist gespeichert; bitte fordern Sie die Anlagen als eigene Dateien an oder verwerfen Sie den Eingang.',
  },
  'intake.extension_mismatch': {
    retryable: false,
    de: (p) =>
      `Die Datei „${p.name}“ trägt die Endung .${p.extension}, ist aber eine ${p.format}-Datei. Sie wurde nach ihrem Inhalt verarbeitet.`,
  },
  'intake.trennblatt_unreadable': {
    retryable: false,
    de: (p) =>
      `Das Trennblatt vor Dokument ${p.document} trägt einen eAkte-Code mit unlesbarem Aktenzeichen. Das Dokument wurde ohne Zuordnung eingelesen; bitte prüfen Sie die Zuordnung.`,
  },
  'intake.arrangement_invalid': {
    retryable: false,
    de: (p) => `Die neue Seitenaufteilung ist ungültig: ${p.detail}.`,
  },
  'intake.nothing_to_take_in': {
    retryable: false,
    de: () => 'Die Datei enthält nur leere Seiten oder Trennblätter; es wurde kein Dokument angelegt.',
  },
  'intake.hot_folder_unusable': {
    retryable: true,
    de: (p) => `Der Eingangsordner „${p.path}“ ist nicht erreichbar oder nicht beschreibbar.`,
  },
});
