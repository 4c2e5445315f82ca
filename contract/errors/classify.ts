import { defineErrors } from './define';

/** Errors of reference extraction, the per-Amt proposal models and their stored state. */
export const classifyErrors = defineErrors({
  'classify.invalid_aktenzeichen_pattern': {
    retryable: false,
    de: (p) =>
      `Das Muster für Aktenzeichen „${p.pattern}“ ist ungültig. Es muss {plan}, {seq:N} und {year} enthalten.`,
  },
  'classify.unknown_class': {
    retryable: false,
    de: (p) =>
      `Die Aktenplanposition ${p.number} gehört nicht zum Aktenplan von Amt ${p.amtId} und kann dort nicht gelernt werden.`,
  },
  'classify.unknown_document_type': {
    retryable: false,
    de: (p) => `Die Dokumentart „${p.documentType}“ ist für Amt ${p.amtId} nicht eingerichtet und kann nicht gelernt werden.`,
  },
  'classify.wrong_amt': {
    retryable: false,
    de: (p) => `Das Vorschlagsmodell von Amt ${p.modelAmt} kann nicht für Amt ${p.amtId} verwendet werden.`,
  },
  'classify.model_unreadable': {
    retryable: false,
    de: () =>
      'Das gespeicherte Vorschlagsmodell ist beschädigt. Es wird aus den abgelegten Dokumenten neu trainiert; bis dahin gibt es keine Ablagevorschläge.',
  },
  'classify.model_version_unsupported': {
    retryable: false,
    de: (p) =>
      `Das gespeicherte Vorschlagsmodell hat das Format ${p.found}, erwartet wird ${p.expected}. Es wird neu trainiert; bis dahin gibt es keine Ablagevorschläge.`,
  },
  'classify.no_amt': {
    retryable: false,
    de: () => 'Sie bearbeiten für kein Amt Akten; Ablagevorschläge gibt es nur für die Ämter, für die Sie zuständig sind.',
  },
  'classify.no_target': {
    retryable: false,
    de: () => 'Für dieses Dokument gibt es keinen Vorgang als Vorschlag. Bitte wählen Sie den Vorgang, in den es abgelegt werden soll.',
  },
  'classify.not_in_posteingang': {
    retryable: false,
    de: () => 'Das Dokument ist bereits abgelegt; Vorschläge gibt es nur für Dokumente im Posteingang.',
  },
  'classify.not_auto_filed': {
    retryable: false,
    de: () => 'Dieses Dokument wurde nicht automatisch zugeordnet, oder die Zuordnung ist bereits rückgängig gemacht.',
  },
  'classify.moved_since': {
    retryable: false,
    de: () => 'Das Dokument wurde nach der automatischen Zuordnung bereits verschoben; die Zuordnung kann nicht mehr rückgängig gemacht werden.',
  },
});
