import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { letterMeta } from '../testing/sample-documents';
import { readPnm, run, workFolder } from '../testing/system-tools';
import { finalizePdfA } from '../write/finalize';
import { addInvisibleTextLayer, type WordBox } from './invisible-text';

const PAGE_HEIGHT = 841.89;

const words: WordBox[] = [
  { text: 'Pfändungs-', x: 72, y: 700, w: 110, h: 16 },
  { text: 'und', x: 190, y: 700, w: 30, h: 16 },
  { text: 'Einziehungsverfügung', x: 228, y: 700, w: 210, h: 16 },
  { text: 'Größe:', x: 72, y: 640, w: 48, h: 11 },
  { text: '1.250,00', x: 130, y: 640, w: 56, h: 11 },
  { text: '€', x: 190, y: 640, w: 9, h: 11 },
  { text: 'Zusatz中', x: 72, y: 600, w: 60, h: 12 },
  { text: '   ', x: 140, y: 600, w: 20, h: 12 },
  { text: 'kaputt', x: 170, y: 600, w: 0, h: 12 },
];

interface BBoxWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function bboxWords(file: string): BBoxWord[] {
  const { stdout } = run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
  return [
    ...stdout.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5]!.replace(/&amp;/g, '&'),
  }));
}

describe('addInvisibleTextLayer', async () => {
  const folder = workFolder();
  afterAll(() => folder.cleanup());
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, PAGE_HEIGHT]);
  const result = await addInvisibleTextLayer(page, words);
  const file = folder.write('layer.pdf', await finalizePdfA(doc, letterMeta));

  it('draws usable words and reports what it could not draw', () => {
    expect(result).toEqual({ wordsDrawn: 7, wordsSkipped: 2, charactersDropped: 1 });
  });

  it('places each word so pdftotext reports the given box (within 0.1 pt)', () => {
    const found = bboxWords(file);
    const expected = words
      .slice(0, 7)
      .map((w) => ({ ...w, text: w.text === 'Zusatz中' ? 'Zusatz' : w.text }));
    expect(found.map((w) => w.text)).toEqual(expected.map((w) => w.text));
    found.forEach((w, i) => {
      const box = expected[i]!;
      expect(w.xMin).toBeCloseTo(box.x, 1);
      expect(w.xMax).toBeCloseTo(box.x + box.w, 1);
      expect(w.yMax).toBeCloseTo(PAGE_HEIGHT - box.y, 1);
      expect(w.yMin).toBeCloseTo(PAGE_HEIGHT - box.y - box.h, 1);
    });
  });

  it('is searchable as text with umlauts, ß and €', () => {
    const { stdout } = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(stdout).toContain('Einziehungsverfügung');
    expect(stdout).toContain('Größe:');
    expect(stdout).toContain('1.250,00 €');
  });

  it('paints nothing: the rendered page stays white (pdftoppm)', () => {
    const out = folder.path('render');
    expect(run('pdftoppm', ['-r', '30', '-gray', file, out]).status).toBe(0);
    const { stdout } = run('sh', ['-c', `ls '${folder.path('')}' | grep render`]);
    const image = readPnm(folder.path(stdout.trim().split('\n')[0]!));
    expect(image.pixels.every((v) => v === 255)).toBe(true);
  });
});
