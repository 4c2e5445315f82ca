import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { openDocument } from '../formats';
import { encodePng } from '../raster';

/**
 * The scanner's page files (one TIFF per sheet side) as one image PDF, so a scanned stack is one batch
 * for intake: separator sheets and blank backs are found across its pages like in an MFP's PDF.
 * Lossless (PNG) at the scanned resolution; the archival PDF/A is made later by the pipeline.
 */
export async function pagesToPdf(files: readonly string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const file of files) {
    const { document } = await openDocument(await readFile(file), { name: file });
    try {
      for (let i = 0; i < document.pageCount; i++) {
        const { raster, dpi } = await document.rasterize(i);
        const image = await pdf.embedPng(await encodePng(raster));
        const page = pdf.addPage([(raster.width * 72) / dpi.x, (raster.height * 72) / dpi.y]);
        page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
      }
    } finally {
      await document.close();
    }
  }
  return pdf.save();
}
