import { defineErrors } from './define';

/** Errors of the Stadtarchiv's Digitalisate: units, scanned master pages, their submission packages. */
export const digitalisateErrors = defineErrors({
  'digitalisate.not_found': {
    retryable: false,
    de: (p) => `Im Archiv gibt es keine Verzeichnungseinheit ${p.id}.`,
  },
  'digitalisate.signatur_taken': {
    retryable: false,
    de: (p) => `Im Bestand ${p.bestand} ist die Signatur ${p.signatur} bereits vergeben.`,
  },
  'digitalisate.bad_laufzeit': {
    retryable: false,
    de: (p) =>
      `Die Laufzeit „${p.laufzeit}“ ist ungültig: bitte ein Jahr oder einen Zeitraum wie 1890-1912 angeben (das Ende nicht vor dem Anfang).`,
  },
  'digitalisate.not_lossless': {
    retryable: false,
    de: (p) =>
      `${p.name} wurde nicht übernommen: Master müssen verlustfreie Bilder sein (TIFF oder PNG), die Datei ist ${p.format}.`,
  },
  'digitalisate.file_missing': {
    retryable: false,
    de: (p) => `Die Datei oder der Ordner ${p.path} wurde nicht gefunden.`,
  },
  'digitalisate.no_pages': {
    retryable: false,
    de: (p) => `Die Verzeichnungseinheit ${p.signatur} hat noch keine Seiten und wird nicht verpackt.`,
  },
});
