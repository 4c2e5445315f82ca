import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { drawableText } from '../pdfa/text/text-font';

export const A4: [number, number] = [595.28, 841.89];
const MARGIN = 70;
const BOTTOM = 80;

/** Breaks one paragraph into lines of at most `width`; a word longer than a line is cut. */
export function wrapLines(font: PDFFont, size: number, width: number, paragraph: string): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (let word of paragraph.split(/\s+/).filter(Boolean)) {
    while (!fits(word)) {
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut--;
      if (line) lines.push(line);
      lines.push(word.slice(0, cut));
      line = '';
      word = word.slice(cut);
    }
    const next = line ? `${line} ${word}` : word;
    if (fits(next)) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Flowing text over as many A4 pages as it needs, in the embedded text font (characters the font cannot
 * show are left out, as PDF/A forbids .notdef glyphs). Returns the pages it added.
 */
export class TextFlow {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN;
  }

  get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  /** A paragraph; `right` is drawn right-aligned on its last line (a page number in a table of contents). */
  paragraph(
    text: string,
    size = 10.5,
    opts: { gap?: number; right?: string; rightWidth?: number; grey?: boolean } = {},
  ): void {
    const rightWidth =
      opts.rightWidth ?? (opts.right ? this.font.widthOfTextAtSize(opts.right, size) + 12 : 0);
    const lines = wrapLines(
      this.font,
      size,
      this.width - rightWidth,
      drawableText(this.font, text.replace(/\s+/g, ' ')).text,
    );
    if (!lines.length) lines.push('');
    const color = opts.grey ? rgb(0.3, 0.3, 0.35) : rgb(0, 0, 0);
    lines.forEach((line, i) => {
      if (this.y < BOTTOM) this.newPage();
      this.page.drawText(line, { x: MARGIN, y: this.y, size, font: this.font, color });
      if (opts.right && i === lines.length - 1) {
        const w = this.font.widthOfTextAtSize(opts.right, size);
        this.page.drawText(opts.right, { x: A4[0] - MARGIN - w, y: this.y, size, font: this.font, color });
      }
      this.y -= size * 1.45;
    });
    this.y -= opts.gap ?? 0;
  }

  /** Text with line breaks: each non-empty line a paragraph, blank lines as space. */
  text(body: string, size = 10.5): void {
    for (const part of body.split(/\r?\n/)) {
      if (part.trim()) this.paragraph(part, size);
      else this.y -= size * 0.8;
    }
  }
}
