import { afterAll, describe, expect, it } from 'vitest';
import { addNoise, characterErrorRate, fade, makeLetter, renderLetter } from '../../fixtures/samples/intake';
import { preparePage } from '../prepare';
import { rotateGray, rotateQuarter, type GrayRaster } from '../raster';
import { createFakeOcrEngine, createTesseractEngine, createTesseractOrientation, recognizePage } from '.';

// One pool and one OSD worker for the whole file: starting Tesseract costs a second or two each.
const engine = createTesseractEngine({ workers: 2 });
const osd = createTesseractOrientation();
afterAll(async () => {
  await engine.close();
  await osd.close();
});

const letter = makeLetter(51);
const clean = renderLetter(letter);
const at300 = (raster: GrayRaster) => ({ raster, dpi: { x: 300, y: 300 } });

describe('Tesseract OSD', () => {
  it.each([0, 90, 180, 270] as const)('tells how to turn a page scanned at %s° upright', async (turn) => {
    const guess = await osd.detect(rotateQuarter(clean, turn), 300);
    expect(guess?.correction).toBe((360 - turn) % 360);
    expect(guess!.confidence).toBeGreaterThan(2);
  });
});

describe('recognition (German + English, offline)', () => {
  it('reads a clean page with CER under 1 % and places the words in PDF points', async () => {
    const progress: number[] = [];
    const prepared = await preparePage(at300(clean), osd);
    const result = await recognizePage(engine, prepared, { page: 1, onProgress: (f) => progress.push(f) });
    expect(characterErrorRate(result!.text, letter.text)).toBeLessThan(0.01);
    expect(result!.confidence).toBeGreaterThan(85);
    expect(result!.hocr).toContain("class='ocr_page'");
    expect(progress.at(-1)).toBe(1);
    // "Sehr geehrte …": the renderer put the salutation 25 mm from the left edge of an A4 page.
    const sehr = result!.words.find((w) => w.text === 'Sehr')!;
    expect(sehr.x).toBeCloseTo((25 / 25.4) * 72, -0.5);
    expect(result!.pageSize.width).toBeCloseTo(595.2, 0);
    const lineIndex = letter.lines.findIndex((l) => l.text.startsWith('Sehr geehrte'));
    const baselinePt = 20 / 25.4 * 72 + letter.lines.slice(0, lineIndex + 1).reduce((y, l) => y + (l.gap ?? 0) + l.size * 1.4, 0);
    expect(Math.abs(sehr.y - (result!.pageSize.height - baselinePt))).toBeLessThan(4);
  });

  it('reads a faint, noisy scan with CER under 3 % (binarised first)', async () => {
    const prepared = await preparePage(at300(addNoise(fade(clean, 110, 215), 7, 18, 30)), null);
    expect(prepared.binarized).toBe(true);
    const result = await recognizePage(engine, prepared, { page: 2 });
    expect(characterErrorRate(result!.text, letter.text)).toBeLessThan(0.03);
  });

  it('reads a page scanned sideways and 3° skewed once it is turned and deskewed', async () => {
    const prepared = await preparePage(at300(rotateQuarter(rotateGray(clean, 3), 90)), osd);
    expect(prepared.rotation).toBe(270);
    expect(Math.abs(prepared.skewCorrection + 3)).toBeLessThan(0.15);
    const result = await recognizePage(engine, prepared, { page: 3 });
    expect(characterErrorRate(result!.text, letter.text)).toBeLessThan(0.01);
  });

  it('stops a page when the job is cancelled', async () => {
    const controller = new AbortController();
    const running = recognizePage(engine, await preparePage(at300(clean), null), { signal: controller.signal });
    controller.abort(new Error('cancelled by test'));
    await expect(running).rejects.toThrow('cancelled by test');
  });
});

describe('fake engine', () => {
  it('fails the pages it is told to fail with intake.ocr_failed', async () => {
    const fake = createFakeOcrEngine({ failOnPages: [2] });
    const page = await preparePage(at300(clean), null);
    expect((await recognizePage(fake, page, { page: 1 }))!.words[0]!.text).toBe('Seite');
    await expect(recognizePage(fake, page, { page: 2 })).rejects.toMatchObject({ code: 'intake.ocr_failed' });
  });
});
