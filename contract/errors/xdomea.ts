import { defineErrors } from './define';

/** Errors of reading, writing and validating xdomea messages and 0503 packages. */
export const xdomeaErrors = defineErrors({
  'xdomea.doctype_forbidden': {
    retryable: false,
    de: () =>
      'Die xdomea-Nachricht enthält eine DOCTYPE- oder ENTITY-Deklaration. Solche Nachrichten werden aus Sicherheitsgründen nicht verarbeitet.',
  },
  'xdomea.too_large': {
    retryable: false,
    de: (p) => `Die xdomea-Nachricht ist zu groß (höchstens ${p.limit} Bytes erlaubt).`,
  },
  'xdomea.too_deep': {
    retryable: false,
    de: (p) => `Die xdomea-Nachricht ist zu tief verschachtelt (höchstens ${p.limit} Ebenen erlaubt).`,
  },
  'xdomea.unsupported_encoding': {
    retryable: false,
    de: (p) =>
      `Die xdomea-Nachricht ist nicht UTF-8-kodiert (gefunden: ${p.encoding}). xdomea verlangt UTF-8.`,
  },
  'xdomea.malformed': {
    retryable: false,
    de: (p) => `Die xdomea-Nachricht ist kein gültiges XML (Zeile ${p.line}).`,
  },
  'xdomea.not_xdomea': {
    retryable: false,
    de: () => 'Die Datei ist keine xdomea-Nachricht.',
  },
  'xdomea.unsupported_version': {
    retryable: false,
    de: (p) =>
      `Die xdomea-Version ${p.version} wird nicht unterstützt. Unterstützt werden die Versionen 3.0.0 und 3.1.0.`,
  },
  'xdomea.unsupported_message': {
    retryable: false,
    de: (p) => `Die Nachricht „${p.message}“ gehört nicht zur Aussonderung und wird hier nicht verarbeitet.`,
  },
  'xdomea.unexpected_message': {
    retryable: false,
    de: (p) => `Erwartet wurde eine Nachricht vom Typ ${p.expected}, erhalten wurde ${p.actual}.`,
  },
  'xdomea.invalid_content': {
    retryable: false,
    de: (p) => `Die xdomea-Nachricht ist unvollständig oder fehlerhaft: ${p.element} (Zeile ${p.line}).`,
  },
  'xdomea.schema_invalid': {
    retryable: false,
    de: (p) =>
      `Die xdomea-Nachricht entspricht nicht dem Schema xdomea ${p.version} (${p.count} Fehler, erster in Zeile ${p.line}: ${p.first}).`,
  },
  'xdomea.invalid_input': {
    retryable: false,
    de: (p) => `Die Angaben für die xdomea-Nachricht sind ungültig: ${p.field} (${p.reason}).`,
  },
  'xdomea.validator_failed': {
    retryable: true,
    de: () =>
      'Die Schemaprüfung der xdomea-Nachricht konnte nicht ausgeführt werden. Bitte versuchen Sie es erneut.',
  },
  'xdomea.package_message_missing': {
    retryable: false,
    de: (p) => `Das Aussonderungspaket ${p.package} enthält keine oder mehr als eine xdomea-Nachricht.`,
  },
  'xdomea.package_file_missing': {
    retryable: false,
    de: (p) => `Im Aussonderungspaket fehlt die Datei „${p.file}“, auf die die Nachricht verweist.`,
  },
});
