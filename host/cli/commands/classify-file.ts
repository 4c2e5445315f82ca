import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../contract/app-error';
import type { OcrEngine } from '../../../ocr/engines';

/** Text of a file for extraction and proposals, with the offset where each page starts. */
export interface FileText {
  readonly text: string;
  readonly pageStarts: number[];
  readonly source: 'text' | 'text-layer' | 'ocr';
}

/**
 * Plain UTF-8 `.txt` as is; a PDF by its text layer, page by page; a PDF page without text layer and an
 * image are read by OCR (Tesseract, German).
 */
export async function readFileText(path: string): Promise<FileText> {
  const bytes = await readFile(path).catch(() => {
    throw new AppError('cli.usage', { detail: `Datei nicht lesbar: ${basename(path)}` }, 'input file not readable');
  });
  if (/\.txt$/i.test(path)) {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    return { text, pageStarts: [0], source: 'text' };
  }
  const { openDocument, SEARCHABLE_MIN_CHARACTERS } = await import('../../../ocr/formats');
  const { document } = await openDocument(new Uint8Array(bytes), { name: basename(path) });
  const parts: string[] = [];
  const pageStarts: number[] = [];
  let usedOcr = false;
  let engine: OcrEngine | null = null;
  let offset = 0;
  try {
    for (let i = 0; i < document.pageCount; i++) {
      let pageText = (await document.readText(i))?.text ?? '';
      if (pageText.replace(/\s/g, '').length < SEARCHABLE_MIN_CHARACTERS) {
        const { createTesseractEngine } = await import('../../../ocr/engines');
        const { toGray } = await import('../../../ocr/raster');
        engine ??= createTesseractEngine({ languages: ['deu'], workers: 1 });
        const image = await document.rasterize(i, 300);
        pageText = (await engine.recognize({ ...image, raster: toGray(image.raster) })).text;
        usedOcr = true;
      }
      pageStarts.push(offset);
      parts.push(pageText);
      offset += pageText.length + 2;
    }
  } finally {
    await document.close();
    await engine?.close();
  }
  return { text: parts.join('\n\n'), pageStarts, source: usedOcr ? 'ocr' : 'text-layer' };
}
