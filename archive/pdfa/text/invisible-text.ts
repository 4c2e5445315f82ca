import {
  TextRenderingMode,
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  type PDFName,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import { lineBands, levelWords } from './text-lines';
import { drawableText, loadTextFont, textFontMetrics } from './text-font';

/** One recognised word and its box in PDF points, origin bottom-left of the page (PDF user space). */
export interface WordBox {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface TextLayerResult {
  readonly wordsDrawn: number;
  /** Words with an empty, non-finite or zero-sized box, or with no drawable character. */
  readonly wordsSkipped: number;
  /** Characters the font cannot show (they would reference .notdef, which PDF/A forbids). */
  readonly charactersDropped: number;
}

const usableBox = (w: WordBox): boolean => [w.x, w.y, w.w, w.h].every(Number.isFinite) && w.w > 0 && w.h > 0;

/**
 * Adds invisible text (render mode 3) in the text font over the words of a scanned page, so it can be
 * searched and selected. The words of one line share one size and baseline, the line's glyph box
 * (descender to ascender) filling the line's height, and each word is stretched horizontally (Tz) to its
 * box width, so selection highlights cover the printed words and extraction keeps lines whole.
 * `skewCorrection` (degrees) is the deskew that levelled the recognised copy of a skewed page: the words
 * are then laid on level lines (see levelWords), so text extraction reads the lines in order.
 */
export async function addInvisibleTextLayer(
  page: PDFPage,
  boxes: readonly WordBox[],
  skewCorrection = 0,
): Promise<TextLayerResult> {
  const textFont = await loadTextFont(page.doc);
  let charactersDropped = 0;
  const words = levelWords(boxes, page.getSize(), skewCorrection).flatMap((box) => {
    const { text, dropped } = drawableText(textFont, box.text.normalize('NFC').trim());
    charactersDropped += dropped;
    return text !== '' && usableBox(box) ? [{ ...box, text }] : [];
  });
  const bands = lineBands(words);
  const { ascent, descent } = textFontMetrics();
  const emHeight = ascent - descent;
  let fontKey: PDFName | undefined;
  const operators: PDFOperator[] = [
    pushGraphicsState(),
    beginText(),
    setTextRenderingMode(TextRenderingMode.Invisible),
  ];
  let wordsDrawn = 0;
  let wordsSkipped = boxes.length - words.length;

  for (const [i, { text, ...word }] of words.entries()) {
    const band = bands[i]!;
    const size = (band.top - band.bottom) / emHeight;
    const naturalWidth = textFont.widthOfTextAtSize(text, size);
    if (naturalWidth <= 0) {
      wordsSkipped++;
      continue;
    }
    fontKey ??= page.node.newFontDictionary(textFont.name, textFont.ref);
    operators.push(
      setFontAndSize(fontKey, size),
      setCharacterSqueeze((100 * word.w) / naturalWidth),
      setTextMatrix(1, 0, 0, 1, word.x, band.bottom - descent * size),
      showText(textFont.encodeText(text)),
    );
    wordsDrawn++;
  }
  operators.push(endText(), popGraphicsState());
  if (wordsDrawn > 0) page.pushOperators(...operators);
  return { wordsDrawn, wordsSkipped, charactersDropped };
}
