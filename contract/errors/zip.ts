import { defineErrors } from './define';

/** Errors of writing and safely reading ZIP containers (xdomea 0503 packages). */
export const zipErrors = defineErrors({
  'zip.corrupt': {
    retryable: false,
    de: () => 'Die ZIP-Datei ist beschädigt oder keine ZIP-Datei.',
  },
  'zip.unsafe_entry_name': {
    retryable: false,
    de: (p) =>
      `Die ZIP-Datei enthält einen unzulässigen Dateinamen („${p.name}“, ${p.reason}). Sie wird aus Sicherheitsgründen nicht geöffnet.`,
  },
  'zip.duplicate_entry': {
    retryable: false,
    de: (p) => `Die ZIP-Datei enthält die Datei „${p.name}“ mehrfach.`,
  },
  'zip.link_entry': {
    retryable: false,
    de: (p) =>
      `Die ZIP-Datei enthält eine Verknüpfung oder Sonderdatei („${p.name}“). Sie wird aus Sicherheitsgründen nicht geöffnet.`,
  },
  'zip.encrypted_entry': {
    retryable: false,
    de: (p) => `Die Datei „${p.name}“ in der ZIP-Datei ist verschlüsselt und kann nicht gelesen werden.`,
  },
  'zip.unsupported_compression': {
    retryable: false,
    de: (p) =>
      `Die Datei „${p.name}“ in der ZIP-Datei ist mit einem nicht unterstützten Verfahren (${p.method}) gepackt.`,
  },
  'zip.too_many_entries': {
    retryable: false,
    de: (p) => `Die ZIP-Datei enthält zu viele Dateien (${p.count}, höchstens ${p.limit} erlaubt).`,
  },
  'zip.too_large': {
    retryable: false,
    de: (p) => `Der entpackte Inhalt der ZIP-Datei ist zu groß (höchstens ${p.limit} Bytes erlaubt).`,
  },
  'zip.entry_too_large': {
    retryable: false,
    de: (p) => `Die Datei „${p.name}“ in der ZIP-Datei ist zu groß (höchstens ${p.limit} Bytes erlaubt).`,
  },
  'zip.suspicious_ratio': {
    retryable: false,
    de: (p) =>
      `Die Datei „${p.name}“ in der ZIP-Datei ist ungewöhnlich stark komprimiert (Verhältnis ${p.ratio}:1, höchstens ${p.limit}:1). Die ZIP-Datei wird als mögliche ZIP-Bombe abgewiesen.`,
  },
  'zip.overlapping_entries': {
    retryable: false,
    de: () =>
      'Die Einträge der ZIP-Datei überlappen sich. Die ZIP-Datei wird als mögliche ZIP-Bombe abgewiesen.',
  },
  'zip.entry_missing': {
    retryable: false,
    de: (p) => `Die Datei „${p.name}“ ist in der ZIP-Datei nicht vorhanden.`,
  },
  'zip.source_missing': {
    retryable: false,
    de: (p) => `Die Datei für „${p.name}“ wurde nicht gefunden und kann nicht verpackt werden.`,
  },
  'zip.target_exists': {
    retryable: false,
    de: (p) => `Die Zieldatei „${p.path}“ existiert bereits und wird nicht überschrieben.`,
  },
});
