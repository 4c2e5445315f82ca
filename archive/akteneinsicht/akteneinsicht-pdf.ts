import { PDFDocument, PDFHexString, PDFName, rgb, type PDFFont, type PDFPage, type PDFRef } from 'pdf-lib';
import { loadTextFont } from '../pdfa';
import { A4, TextFlow } from './text-layout';

export interface InspectionPart {
  title: string;
  vorgangAktenzeichen: string;
  date: string | null;
  mimeType: string;
  bytes: Uint8Array;
}

export interface InspectionHeader {
  aktenzeichen: string;
  akteTitle: string;
  at: Date;
}

const germanDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('.');

/** Pages of one document in the output: its own pages, an image page, or a page saying why it is missing. */
async function appendDocument(out: PDFDocument, font: PDFFont, part: InspectionPart): Promise<number> {
  if (part.mimeType === 'application/pdf') {
    try {
      const src = await PDFDocument.load(part.bytes, { updateMetadata: false });
      const pages = await out.copyPages(src, src.getPageIndices());
      for (const p of pages) out.addPage(p);
      return pages.length;
    } catch {
      return placeholder(
        out,
        font,
        part,
        'Die PDF-Datei dieses Dokuments ist verschlüsselt oder beschädigt und konnte nicht beigefügt werden.',
      );
    }
  }
  if (part.mimeType === 'image/jpeg' || part.mimeType === 'image/png') {
    const image =
      part.mimeType === 'image/png' ? await out.embedPng(part.bytes) : await out.embedJpg(part.bytes);
    const scale = Math.min((A4[0] - 80) / image.width, (A4[1] - 120) / image.height, 1);
    const page = out.addPage(A4);
    page.drawImage(image, {
      x: 40,
      y: A4[1] - 40 - image.height * scale,
      width: image.width * scale,
      height: image.height * scale,
    });
    return 1;
  }
  return placeholder(
    out,
    font,
    part,
    `Das Dokument liegt im Format ${part.mimeType} vor und kann nicht als Seite beigefügt werden.`,
  );
}

function placeholder(out: PDFDocument, font: PDFFont, part: InspectionPart, reason: string): number {
  const flow = new TextFlow(out, font);
  flow.paragraph(part.title, 12.5, { gap: 8 });
  flow.paragraph(reason);
  return flow.pages.length;
}

/** Cover and table of contents; the right column is reserved at a fixed width so the page count never depends on the numbers. */
async function tableOfContents(
  header: InspectionHeader,
  parts: readonly InspectionPart[],
  startPages: readonly number[],
): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = await loadTextFont(doc);
  const flow = new TextFlow(doc, font);
  const rightWidth = font.widthOfTextAtSize('Seite 999999', 10.5) + 12;
  flow.paragraph('Akteneinsicht', 16, { gap: 6 });
  flow.paragraph(`Akte ${header.aktenzeichen}: ${header.akteTitle}`, 11, { gap: 2 });
  flow.paragraph(`Zusammengestellt am ${germanDate(header.at.toISOString())}`, 10, { grey: true, gap: 14 });
  flow.paragraph('Inhaltsverzeichnis', 12.5, { gap: 6 });
  parts.forEach((p, i) => {
    const date = p.date ? `, ${germanDate(p.date)}` : '';
    flow.paragraph(`${i + 1}. ${p.title} (Vorgang ${p.vorgangAktenzeichen}${date})`, 10.5, {
      right: `Seite ${startPages[i]}`,
      rightWidth,
      gap: 2,
    });
  });
  return doc;
}

/** Bookmarks for PDF viewers: the contents and each document at its first page, shown when the file opens. */
function addOutline(doc: PDFDocument, entries: readonly { title: string; pageIndex: number }[]): void {
  const ctx = doc.context;
  const root = ctx.nextRef();
  const refs: PDFRef[] = entries.map(() => ctx.nextRef());
  entries.forEach((e, i) => {
    ctx.assign(
      refs[i]!,
      ctx.obj({
        Title: PDFHexString.fromText(e.title),
        Parent: root,
        Dest: [doc.getPage(e.pageIndex).ref, 'XYZ', null, null, null],
        ...(i > 0 ? { Prev: refs[i - 1] } : {}),
        ...(i < refs.length - 1 ? { Next: refs[i + 1] } : {}),
      }),
    );
  });
  ctx.assign(
    root,
    ctx.obj({ Type: 'Outlines', First: refs[0], Last: refs[refs.length - 1], Count: refs.length }),
  );
  doc.catalog.set(PDFName.of('Outlines'), root);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

function stamp(page: PDFPage, font: PDFFont, text: string): void {
  const { width } = page.getSize();
  const size = 8;
  const w = font.widthOfTextAtSize(text, size);
  const x = (width - w) / 2;
  // A white band keeps the stamp readable on scanned pages.
  page.drawRectangle({ x: x - 4, y: 14, width: w + 8, height: size + 6, color: rgb(1, 1, 1) });
  page.drawText(text, { x, y: 18, size, font, color: rgb(0.15, 0.15, 0.2) });
}

/**
 * One PDF for the inspection of a file by a party (Akteneinsicht): cover with table of contents, then the
 * documents in order; every page carries "Akteneinsicht <Aktenzeichen> – Seite n von m".
 */
export async function buildAkteneinsichtPdf(
  header: InspectionHeader,
  parts: readonly InspectionPart[],
): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const tocPages = (
    await tableOfContents(
      header,
      parts,
      parts.map(() => 0),
    )
  ).getPageCount();
  const out = await PDFDocument.create();
  const font = await loadTextFont(out);
  const startPages: number[] = [];
  let next = tocPages + 1;
  for (const part of parts) {
    startPages.push(next);
    next += await appendDocument(out, font, part);
  }
  // The contents are saved on their own first: pdf-lib writes a subset font only when its document is saved.
  const toc = await PDFDocument.load(await (await tableOfContents(header, parts, startPages)).save());
  const tocCopies = await out.copyPages(toc, toc.getPageIndices());
  tocCopies.forEach((page, i) => out.insertPage(i, page));

  addOutline(out, [
    { title: 'Inhaltsverzeichnis', pageIndex: 0 },
    ...parts.map((p, i) => ({ title: `${i + 1}. ${p.title}`, pageIndex: startPages[i]! - 1 })),
  ]);
  const pages = out.getPages();
  pages.forEach((page, i) =>
    stamp(page, font, `Akteneinsicht ${header.aktenzeichen} – Seite ${i + 1} von ${pages.length}`),
  );
  out.setTitle(`Akteneinsicht ${header.aktenzeichen}`);
  out.setCreator('eAkte Desk');
  out.setProducer('eAkte Desk (pdf-lib)');
  out.setCreationDate(header.at);
  out.setModificationDate(header.at);
  return { bytes: await out.save(), pageCount: pages.length };
}
