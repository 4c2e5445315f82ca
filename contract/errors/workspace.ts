import { defineErrors } from './define';

/** Errors of the clerk workspace: moving, Mitzeichnung, saved searches, hand-over, Akteneinsicht. */
export const workspaceErrors = defineErrors({
  'workspace.not_filed': {
    retryable: false,
    de: () => 'Das Dokument liegt noch im Posteingang. Bitte legen Sie es zuerst in einem Vorgang ab.',
  },
  'workspace.same_amt': {
    retryable: false,
    de: (p) => `Das Dokument liegt bereits bei Amt ${p.amtId}; bitte wählen Sie das Amt, an das es weitergeleitet werden soll.`,
  },
  'workspace.not_colleague': {
    retryable: false,
    de: () => 'Mitzeichnen kann nur eine andere Sachbearbeiterin oder ein anderer Sachbearbeiter desselben Amtes.',
  },
  'workspace.already_decided': {
    retryable: false,
    de: (p) => `Über diese Mitzeichnung wurde bereits entschieden (${p.status}).`,
  },
  'workspace.comment_required': {
    retryable: false,
    de: () => 'Bitte begründen Sie die Ablehnung in einem Kommentar.',
  },
  'workspace.version_unsupported': {
    retryable: false,
    de: (p) =>
      `Die Datei „${p.name}“ ist weder ein PDF noch ein Bild (PNG, JPEG, TIFF)${p.detected ? ` (erkannt: ${p.detected})` : ''}. Bitte speichern Sie sie als PDF und laden Sie sie erneut hoch.`,
  },
  'workspace.version_empty': {
    retryable: false,
    de: (p) => `Die Datei „${p.name}“ ist leer. Bitte wählen Sie die vollständige Datei.`,
  },
  'workspace.version_unreadable': {
    retryable: true,
    de: (p) => `Die Datei „${p.name}“ kann nicht gelesen werden. Bitte prüfen Sie, ob sie noch vorhanden ist, und wählen Sie sie erneut.`,
  },
  'workspace.legal_hold_metadata': {
    retryable: false,
    de: (p) =>
      `Für die Akte ${p.aktenzeichen} besteht eine Aufbewahrungssperre: die Angaben ihrer Dokumente bleiben, wie sie sind. Eine neue Fassung können Sie hochladen; die bisherigen bleiben erhalten.`,
  },
  'workspace.saved_search_exists': {
    retryable: false,
    de: (p) => `Eine gespeicherte Suche mit dem Namen „${p.name}“ gibt es bereits. Bitte wählen Sie einen anderen Namen.`,
  },
  'workspace.export_empty': {
    retryable: false,
    de: () => 'Für die Akteneinsicht ist kein Dokument ausgewählt, oder die Akte enthält keine Dokumente.',
  },
  'workspace.export_foreign_document': {
    retryable: false,
    de: (p) => `Das Dokument ${p.uuid} gehört nicht zu dieser Akte und kann nicht mit ausgegeben werden.`,
  },
});
