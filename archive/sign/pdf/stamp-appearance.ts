import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  endText,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingGrayscaleColor,
  setFontAndSize,
  setLineWidth,
  setStrokingGrayscaleColor,
  showText,
  stroke,
  type PDFDocument,
  type PDFFont,
  type PDFRef,
} from 'pdf-lib';

const PADDING = 4;
const LEADING = 1.25;
const MIN_FONT_SIZE = 5;
const MAX_FONT_SIZE = 11;

/**
 * The appearance of a visible signature: a thin frame with the given lines. The font is embedded as a
 * subset and colours are DeviceGray only, so a PDF/A stays conforming whatever its output intent.
 */
export async function createStampAppearance(
  doc: PDFDocument,
  fontBytes: Uint8Array,
  size: { readonly width: number; readonly height: number },
  lines: readonly string[],
): Promise<PDFRef> {
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontBytes, { subset: true });
  const fontSize = fittingSize(font, size, lines);
  const shown = lines.map((l) => truncate(font, l, fontSize, size.width - 2 * PADDING));
  const ops = [
    pushGraphicsState(),
    setStrokingGrayscaleColor(0.35),
    setLineWidth(0.75),
    rectangle(0.5, 0.5, size.width - 1, size.height - 1),
    stroke(),
    setFillingGrayscaleColor(0),
    beginText(),
    setFontAndSize('F1', fontSize),
    moveText(PADDING, size.height - PADDING - fontSize),
  ];
  shown.forEach((line, i) => {
    if (i > 0) ops.push(moveText(0, -fontSize * LEADING));
    ops.push(showText(font.encodeText(line)));
  });
  ops.push(endText(), popGraphicsState());
  const stream = doc.context.formXObject(ops, {
    BBox: [0, 0, size.width, size.height],
    Resources: { Font: { F1: font.ref } },
  });
  return doc.context.register(stream);
}

/** The largest size (within limits) at which all lines fit the box's height and the longest its width. */
function fittingSize(font: PDFFont, size: { width: number; height: number }, lines: readonly string[]): number {
  const byHeight = (size.height - 2 * PADDING) / (lines.length * LEADING);
  const widest = Math.max(...lines.map((l) => font.widthOfTextAtSize(l, 1)));
  const byWidth = widest > 0 ? (size.width - 2 * PADDING) / widest : MAX_FONT_SIZE;
  return Math.max(MIN_FONT_SIZE, Math.min(MAX_FONT_SIZE, byHeight, byWidth));
}

function truncate(font: PDFFont, line: string, fontSize: number, width: number): string {
  if (font.widthOfTextAtSize(line, fontSize) <= width) return line;
  let cut = line;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, fontSize) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}
