import { defineErrors } from './define';

/** Errors of the Stadtarchiv's ingest: receiving a 0503, confirming, packaging for DiPS.kommunal, fixity. */
export const archivErrors = defineErrors({
  'archiv.not_found': {
    retryable: false,
    de: (p) => `Im Archiv ist keine Übernahme ${p.id} eingegangen.`,
  },
  'archiv.source_missing': {
    retryable: false,
    de: (p) => `Die Datei oder der Ordner ${p.path} wurde nicht gefunden.`,
  },
  'archiv.refused_package': {
    retryable: false,
    de: (p) => `Die Übernahme ${p.id} wurde abgewiesen und kann weder bestätigt noch verpackt werden.`,
  },
  'archiv.not_accepted': {
    retryable: false,
    de: (p) =>
      `Die Aussonderung ${p.prozessId} hat Fehler und wird nicht ins digitale Magazin übernommen. Bitte die Befunde prüfen und die Importbestätigung (0506) senden.`,
  },
  'archiv.bad_directory': {
    retryable: false,
    de: (p) => `Der Ordner ${p.path} existiert nicht oder ist kein Ordner.`,
  },
  'archiv.bad_config': {
    retryable: false,
    de: (p) => `Die Archiv-Einstellungen (archiv.json) sind ungültig: ${p.detail}`,
  },
  'archiv.not_appraisal': {
    retryable: false,
    de: (p) => `Die Datei ist keine Bewertung (0502), sondern eine Nachricht ${p.actual}.`,
  },
  'archiv.package_exists': {
    retryable: false,
    de: (p) => `Im Zielordner liegt bereits ein Paket ${p.path}; es wird nicht überschrieben.`,
  },
});
