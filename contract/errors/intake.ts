import { defineErrors } from './define';

/** Errors of the post-room intake: reading scans and files, image limits, OCR, scanners. */
export const intakeErrors = defineErrors({
  'intake.empty_file': {
    retryable: false,
    de: (p) => `Die Datei${p.name ? ` „${p.name}“` : ''} ist leer (0 Byte) und kann nicht übernommen werden.`,
  },
  'intake.unsupported_format': {
    retryable: false,
    de: (p) =>
      `Das Dateiformat${p.detected ? ` (${p.detected})` : ''} wird nicht unterstützt. Übernommen werden PDF, TIFF, JPEG und PNG.`,
  },
  'intake.image_broken': {
    retryable: false,
    de: (p) => `Die Bilddatei (${p.format}) ist beschädigt und kann nicht gelesen werden. Bitte scannen Sie das Schriftstück erneut.`,
  },
  'intake.image_too_large': {
    retryable: false,
    de: (p) =>
      `Seite ${p.page} ist mit ${p.width} × ${p.height} Bildpunkten zu groß (höchstens ${p.maxMegapixels} Megapixel). Bitte scannen Sie mit geringerer Auflösung (300 dpi genügen).`,
  },
  'intake.too_many_pages': {
    retryable: false,
    de: (p) =>
      `Die Datei hat ${p.pages} Seiten; übernommen werden höchstens ${p.max} Seiten auf einmal. Bitte teilen Sie den Stapel auf.`,
  },
  'intake.pdf_encrypted': {
    retryable: false,
    de: (p) =>
      p.kind === 'password'
        ? 'Das PDF ist mit einem Kennwort geschützt und kann nicht geöffnet werden. Bitte fordern Sie eine ungeschützte Fassung an.'
        : 'Das PDF ist verschlüsselt (Nutzungsbeschränkungen). Verschlüsselte PDFs können nicht archiviert werden; bitte fordern Sie eine ungeschützte Fassung an.',
  },
  'intake.pdf_broken': {
    retryable: false,
    de: (p) =>
      `Das PDF ist beschädigt${p.page ? ` (Seite ${p.page})` : ''} und kann nicht gelesen werden. Bitte fordern Sie die Datei erneut an oder scannen Sie das Original.`,
  },
  'intake.ocr_failed': {
    retryable: true,
    de: (p) => `Die Texterkennung für Seite ${p.page} ist fehlgeschlagen. Bitte versuchen Sie es erneut.`,
  },
  'intake.scanner_unavailable': {
    retryable: false,
    de: (p) => `Scannen ist auf diesem Arbeitsplatz nicht möglich: ${p.reason}`,
  },
  'intake.scanner_not_found': {
    retryable: true,
    de: (p) => `Der Scanner „${p.device}“ wurde nicht gefunden. Bitte prüfen Sie, ob er eingeschaltet und angeschlossen ist.`,
  },
  'intake.scanner_failed': {
    retryable: true,
    de: (p) =>
      `Der Scanner hat den Auftrag abgebrochen${p.pages ? ` (nach ${p.pages} Seiten)` : ''}: ${p.reason}. Bitte prüfen Sie Papier und Einzug und versuchen Sie es erneut.`,
  },
  'intake.upload_too_large': {
    retryable: false,
    de: (p) =>
      `Die Datei${p.name ? ` „${p.name}“` : ''} ist größer als ${p.maxMb} MB und kann nicht hochgeladen werden. Bitte teilen Sie den Stapel auf.`,
  },
  'intake.upload_not_found': {
    retryable: false,
    de: () => 'Die hochgeladene Datei ist nicht mehr vorhanden (abgelaufen oder bereits übernommen). Bitte laden Sie sie erneut hoch.',
  },
  'intake.upload_failed': {
    retryable: true,
    de: (p) => `Das Hochladen${p.name ? ` von „${p.name}“` : ''} wurde unterbrochen. Bitte versuchen Sie es erneut.`,
  },
});
