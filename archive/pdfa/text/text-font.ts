import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * DejaVu Sans (free licence, full Latin coverage incl. ä ö ü ß €) for visible text and OCR text layers.
 * PDF/A needs every font embedded; a subset keeps files small and pdf-lib writes a ToUnicode map for it.
 */

const require = createRequire(import.meta.url);
let fontBytes: Uint8Array | undefined;

export function textFontBytes(): Uint8Array {
  fontBytes ??= readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  return fontBytes;
}

/** Ascender and descender of the text font as fractions of the em (descent negative). */
export interface FontMetrics {
  readonly ascent: number;
  readonly descent: number;
}

let metrics: FontMetrics | undefined;

/**
 * Read from the font program itself: pdf-lib's heightAtSize without descender mixes font units with
 * 1000-unit values, so it cannot place a baseline exactly.
 */
export function textFontMetrics(): FontMetrics {
  if (!metrics) {
    const face = fontkit.create(textFontBytes());
    metrics = { ascent: face.ascent / face.unitsPerEm, descent: face.descent / face.unitsPerEm };
  }
  return metrics;
}

const perDocument = new WeakMap<PDFDocument, Promise<PDFFont>>();
const characterSets = new WeakMap<PDFFont, ReadonlySet<number>>();

/** The text font embedded in `doc`; one embedding per document however often it is asked for. */
export function loadTextFont(doc: PDFDocument): Promise<PDFFont> {
  let font = perDocument.get(doc);
  if (!font) {
    doc.registerFontkit(fontkit);
    font = doc.embedFont(textFontBytes(), { subset: true });
    perDocument.set(doc, font);
  }
  return font;
}

function characterSet(font: PDFFont): ReadonlySet<number> {
  let set = characterSets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    characterSets.set(font, set);
  }
  return set;
}

/**
 * The text without characters the font has no glyph for (and without control characters): PDF/A forbids
 * references to the .notdef glyph, so such characters cannot be written at all.
 */
export function drawableText(
  font: PDFFont,
  text: string,
): { readonly text: string; readonly dropped: number } {
  const supported = characterSet(font);
  let kept = '';
  let dropped = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x20 && supported.has(code)) kept += char;
    else dropped++;
  }
  return { text: kept, dropped };
}
