import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { addInvisibleTextLayer } from '../../archive/pdfa/index';
import { tempDir } from '../../test/helpers/temp-dir';
import { placeWords } from './place-words';

const dir = tempDir();
afterAll(() => dir.remove());

const LINES = [
  'Widerspruch gegen die Mahnung vom 15.10.2025',
  'Sehr geehrte Damen und Herren,',
  'Wir bestätigen den Eingang der Verfügung. Der Schuldner ist bei uns',
  'seit dem 17.09.2025 beschäftigt; das pfändbare Einkommen beträgt nach',
  'unserer Berechnung 3235,90 Euro monatlich.',
  'Sollte die Angelegenheit damit nicht erledigt sein, bitte ich um',
  'Übersendung einer Aufstellung der noch offenen Beträge.',
];

// A4 at 300 dpi. Word boxes are as tall as their letters reach: "uns" is x-height only, "gegen" has
// descenders, "Verfügung" both; that is how Tesseract reports them.
const PAGE = { width: 2480, height: 3508, dpi: { x: 300, y: 300 } };
function recognisedOnLevelLines() {
  return LINES.flatMap((line, l) => {
    const baseline = 600 + l * 70;
    let x = 300;
    return line.split(' ').map((text) => {
      const top = baseline - (/[A-ZÄÖÜbdfhklt0-9ß]/.test(text) ? 34 : 24);
      const bottom = baseline + (/[gjpqy,;]/.test(text) ? 10 : 0);
      const bbox = { x0: x, y0: top, x1: x + 21 * text.length, y1: bottom };
      x = bbox.x1 + 24;
      return { text, confidence: 90, bbox };
    });
  });
}

async function extractedLines(skewCorrection: number, passCorrection: boolean): Promise<string[]> {
  const raw = { text: LINES.join('\n'), confidence: 90, hocr: '', words: recognisedOnLevelLines() };
  // The kept page stays skewed; placeWords maps the level OCR boxes back onto it, as the pipeline does.
  const words = placeWords(raw, { width: PAGE.width, height: PAGE.height, dpi: PAGE.dpi, skewCorrection });
  const doc = await PDFDocument.create();
  const page = doc.addPage([(PAGE.width * 72) / 300, (PAGE.height * 72) / 300]);
  await addInvisibleTextLayer(page, words, passCorrection ? skewCorrection : 0);
  const file = join(dir.path, `skew-${skewCorrection}-${passCorrection}.pdf`);
  writeFileSync(file, await doc.save());
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== '\f');
}

describe('invisible text layer of a page turned upright and deskewed (pdftotext reading order)', () => {
  it('reads the lines of a level page whole and in order, though its words differ in height', async () => {
    expect(await extractedLines(0, true)).toEqual(LINES);
  });

  it('reads the lines of a page scanned 3° askew in order', async () => {
    expect(await extractedLines(3, true)).toEqual(LINES);
  });

  it.each([6, -9])(
    'reads the lines of a page skewed by %s° in order once the layer is levelled',
    async (angle) => {
      expect(await extractedLines(angle, true)).toEqual(LINES);
      // The boxes alone follow the slanted lines: extraction then mixes neighbouring lines.
      expect(await extractedLines(angle, false)).not.toEqual(LINES);
    },
  );
});
