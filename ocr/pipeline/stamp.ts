import { rgb, type PDFPage } from 'pdf-lib';
import { loadTextFont } from '../../archive/pdfa';

const MM = 72 / 25.4;

/**
 * The visible Eingangsstempel: a framed line of text in the top right corner of page 1, drawn with the
 * embedded text font (PDF/A: no standard fonts) before the document is finalised as PDF/A.
 */
export async function drawReceivedStamp(page: PDFPage, text: string): Promise<void> {
  const font = await loadTextFont(page.doc);
  const size = 9;
  const pad = 2 * MM;
  const width = font.widthOfTextAtSize(text, size) + 2 * pad;
  const height = size + 2 * pad;
  const { width: pageWidth, height: pageHeight } = page.getSize();
  const x = Math.max(pad, pageWidth - width - 10 * MM);
  const y = pageHeight - height - 10 * MM;
  const red = rgb(0.75, 0.1, 0.1);
  page.drawRectangle({
    x,
    y,
    width,
    height,
    borderColor: red,
    borderWidth: 1,
    color: rgb(1, 1, 1),
    opacity: 1,
  });
  page.drawText(text, { x: x + pad, y: y + pad + 1, size, font, color: red });
}
