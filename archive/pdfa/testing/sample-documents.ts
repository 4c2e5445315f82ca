import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import type { PdfAMetadata } from '../metadata/pdfa-metadata';
import { loadTextFont } from '../text/text-font';

/** Small real documents for tests, built the way callers build them. */

export const LETTER_LINES = [
  'Stadt Duisburg – Amt 21, Vollstreckung',
  'Sehr geehrte Frau Müller,',
  'wir bitten um Überweisung der Gebühr von 45,00 € bis zum 31.03.2025.',
  'Mit freundlichen Grüßen, Ihr Straßenverkehrsamt',
];

export const letterMeta: PdfAMetadata = {
  title: 'Mahnung – Kassenzeichen 5012.3344.1',
  author: 'Stadt Duisburg, Amt 21',
  subject: 'Zahlungserinnerung',
  keywords: ['Mahnung', 'Vollstreckung'],
  createdAt: new Date('2025-03-01T09:00:00Z'),
  documentId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  instanceId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
};

/** An A4 letter in the embedded text font: conforming once finalized. */
export async function germanLetter(): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = await loadTextFont(doc);
  const page = doc.addPage([595.28, 841.89]);
  LETTER_LINES.forEach((line, i) => page.drawText(line, { x: 60, y: 760 - i * 24, size: 12, font }));
  return doc;
}

/** A page drawn with the standard Helvetica, which pdf-lib does not embed. */
export async function helveticaDocument(): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc
    .addPage([595.28, 841.89])
    .drawText('Standardschrift ohne Einbettung', { x: 60, y: 760, size: 12, font });
  return doc;
}

/** Adds a JavaScript action that runs when the document opens. */
export function addJavaScriptOpenAction(doc: PDFDocument): void {
  const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert("Hallo")') });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
}
