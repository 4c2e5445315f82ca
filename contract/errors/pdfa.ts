import { defineErrors } from './define';

/** Errors of writing PDF/A files and of reading PDFs for the PDF/A preflight. Non-conformance is a report, not an error. */
export const pdfaErrors = defineErrors({
  'pdfa.not_a_pdf': {
    retryable: false,
    de: () => 'Die Datei ist keine PDF-Datei.',
  },
  'pdfa.unreadable': {
    retryable: false,
    de: (p) => `Die PDF-Datei ist beschädigt und kann nicht gelesen werden (${p.reason}).`,
  },
  'pdfa.not_conforming': {
    retryable: false,
    de: (p) =>
      `Die erzeugte Datei erfüllt PDF/A-2b nicht (${p.checks}). Bitte wenden Sie sich an den IT-Support.`,
  },
  'pdfa.image_unreadable': {
    retryable: false,
    de: (p) => `Das Bild für Seite ${p.page} ist beschädigt oder kein PNG-/JPEG-Bild (${p.reason}).`,
  },
  'pdfa.image_unsupported': {
    retryable: false,
    de: (p) => `Das Bild für Seite ${p.page} kann nicht in PDF/A übernommen werden (${p.reason}).`,
  },
});
