import { PDFDocument } from 'pdf-lib';
import { finalizePdfA, loadTextFont } from '../pdfa';
import { TextFlow } from './text-layout';

export interface VermerkContent {
  title: string;
  text: string;
  aktenzeichen: string;
  author: string;
  /** When it was written; also the PDF's creation date, so the same input gives the same file. */
  at: Date;
  documentId: string;
}

const germanDate = (d: Date) => d.toISOString().slice(0, 10).split('-').reverse().join('.');

/** A Vermerk written in the app as a PDF/A-2b with a real text layer, so it is searchable and archivable. */
export async function renderVermerkPdf(v: VermerkContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await loadTextFont(doc);
  const flow = new TextFlow(doc, font);
  flow.paragraph('Vermerk', 16, { gap: 6 });
  flow.paragraph(`Aktenzeichen: ${v.aktenzeichen}`, 10, { grey: true });
  flow.paragraph(`Datum: ${germanDate(v.at)}`, 10, { grey: true });
  flow.paragraph(`Verfasst von: ${v.author}`, 10, { grey: true, gap: 14 });
  flow.paragraph(v.title, 12.5, { gap: 8 });
  flow.text(v.text);
  return finalizePdfA(doc, {
    title: v.title,
    author: v.author,
    subject: `Vermerk zu ${v.aktenzeichen}`,
    createdAt: v.at,
    documentId: v.documentId,
  });
}
