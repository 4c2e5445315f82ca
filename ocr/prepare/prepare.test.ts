import { describe, expect, it } from 'vitest';
import { blankBack, canvasGray, makeLetter, renderLetter } from '../../fixtures/samples/intake';
import { createCanvas } from '@napi-rs/canvas';
import { rotateGray, rotateQuarter, type GrayRaster } from '../raster';
import { binarizeOtsu, detectBlank, estimateSkew, histogram, otsuThreshold, preparePage, sauvola, unskewBox } from '.';

const page = renderLetter(makeLetter(31));

/** A white A4 page at 300 dpi with one handwritten-size word. */
function oneWord(word: string): GrayRaster {
  const canvas = createCanvas(2480, 3508);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 2480, 3508);
  ctx.fillStyle = '#000';
  ctx.font = '50px sans-serif';
  ctx.fillText(word, 1000, 1800);
  return canvasGray(ctx);
}

describe('deskew', () => {
  it.each([3, -3, 1.5, -7])('finds the correction for a page skewed by %s°', (angle) => {
    const skewed = rotateGray(page, angle);
    const { correction } = estimateSkew(skewed, 300);
    expect(Math.abs(correction + angle)).toBeLessThan(0.15);
  });

  it('leaves a straight page alone', () => {
    expect(Math.abs(estimateSkew(page, 300).correction)).toBeLessThan(0.1);
  });
});

describe('blank pages', () => {
  it('calls a noisy back with show-through and dust blank', () => {
    const verdict = detectBlank(blankBack(2480, 3508, 9), 300);
    expect(verdict.blank).toBe(true);
  });

  it('does not call a page with one short word or a letter blank', () => {
    const word = detectBlank(oneWord('Anlage'), 300);
    expect(word.blank).toBe(false);
    expect(detectBlank(page, 300).marks).toBeGreaterThan(200);
  });
});

describe('binarisation', () => {
  it('puts the Otsu threshold between ink and paper', () => {
    const faint = { ...page, data: page.data.map((v) => 110 + (v * 105) / 255) };
    const t = otsuThreshold(histogram(faint));
    expect(t).toBeGreaterThan(115);
    expect(t).toBeLessThan(210);
  });

  it('turns uneven paper white and keeps faint strokes black (Sauvola)', () => {
    // Paper darkening from left (240) to right (150), ink 100 levels under the paper: the ink on the
    // left (140) is lighter than the paper on the right, so no global threshold can separate them.
    const w = 600;
    const h = 200;
    const data = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = 240 - (90 * x) / w - (y >= 90 && y < 110 ? 100 : 0);
    const b = sauvola({ width: w, height: h, channels: 1, data }, 41, 0.2);
    const at = (x: number, y: number) => b.data[y * w + x];
    expect([at(50, 20), at(550, 20), at(550, 180)]).toEqual([255, 255, 255]);
    expect([at(50, 100), at(300, 100), at(550, 100)]).toEqual([0, 0, 0]);
    const global = binarizeOtsu({ width: w, height: h, channels: 1, data });
    expect([global.data[100 * w + 50], global.data[20 * w + 550]]).not.toEqual([0, 255]);
  });
});

describe('preparePage', () => {
  it('drops a blank back without asking the orientation detector', async () => {
    let asked = 0;
    const prepared = await preparePage({ raster: blankBack(2480, 3508, 4), dpi: { x: 300, y: 300 } }, {
      detect: async () => {
        asked++;
        return null;
      },
    });
    expect(prepared.blank.blank).toBe(true);
    expect(prepared.ocr).toBeNull();
    expect(asked).toBe(0);
  });

  it('turns the kept original upright in 90° steps only and deskews only the OCR copy', async () => {
    const scanned = rotateQuarter(rotateGray(page, 2), 90);
    const prepared = await preparePage({ raster: scanned, dpi: { x: 300, y: 200 } }, {
      detect: async () => ({ correction: 270, confidence: 12 }),
    });
    expect(prepared.rotation).toBe(270);
    expect(prepared.kept.dpi).toEqual({ x: 200, y: 300 });
    // The kept image is exactly the scan turned back: no resampling.
    expect(Buffer.compare(Buffer.from(prepared.kept.raster.data), Buffer.from(rotateGray(page, 2).data))).toBe(0);
    expect(Math.abs(prepared.skewCorrection + 2)).toBeLessThan(0.15);
    expect(prepared.binarized).toBe(false);
  });

  it('ignores an orientation guess below the confidence floor', async () => {
    const prepared = await preparePage({ raster: page, dpi: { x: 300, y: 300 } }, {
      detect: async () => ({ correction: 180, confidence: 0.4 }),
    });
    expect(prepared.rotation).toBe(0);
  });
});

describe('geometry', () => {
  it('quarter turns compose to the identity', () => {
    const small = { width: 3, height: 2, channels: 1 as const, data: new Uint8Array([1, 2, 3, 4, 5, 6]) };
    expect(Array.from(rotateQuarter(small, 90).data)).toEqual([4, 1, 5, 2, 6, 3]);
    const back = rotateQuarter(rotateQuarter(rotateQuarter(rotateQuarter(small, 90), 90), 90), 90);
    expect(back).toEqual(small);
  });

  it('maps a box from the deskewed copy back onto the skewed original', () => {
    // A dark square on a white page, skewed by 4°; find it on the straightened copy, map it back.
    const w = 800;
    const h = 600;
    const data = new Uint8Array(w * h).fill(255);
    for (let y = 100; y < 140; y++) for (let x = 600; x < 700; x++) data[y * w + x] = 0;
    const original = rotateGray({ width: w, height: h, channels: 1, data }, 4);
    const straight = rotateGray(original, -4);
    const inkBox = (g: GrayRaster) => {
      let [x0, y0, x1, y1] = [w, h, 0, 0];
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (g.data[y * w + x]! < 128) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + 1), Math.max(y1, y + 1)];
      return { x0, y0, x1, y1 };
    };
    const mapped = unskewBox(inkBox(straight), w, h, -4);
    const truth = inkBox(original);
    for (const k of ['x0', 'y0', 'x1', 'y1'] as const) expect(Math.abs(mapped[k] - truth[k])).toBeLessThan(6);
  });
});
