import { createCanvas } from '@napi-rs/canvas';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../contract/app-error';
import {
  characterErrorRate,
  g4Pages,
  G4_SAMPLE,
  imagePdf,
  makeLetter,
  renderLetter,
  samplePath,
  textLayerPdf,
} from '../../fixtures/samples/intake';
import { encodePng, toGray, toRgba } from '../raster';
import { countTiffIfds, detectFormat, isSearchable, openDocument } from '.';

const work = mkdtempSync(join(tmpdir(), 'formats-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const letter = makeLetter(21);
const page = renderLetter(letter);

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

function jpegOf(width: number, height: number): Uint8Array {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(width, height);
  img.data.set(toRgba(page).subarray(0, width * height * 4));
  ctx.putImageData(img, 0, 0);
  return new Uint8Array(canvas.toBuffer('image/jpeg', 92));
}

/** A PNG whose header claims width × height; the pixel data is left out (never decoded). */
function pngHeaderOnly(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(8 + 25 + 12);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.set([8, 0, 0, 0, 0], 24);
  b.writeUInt32BE(0, 33);
  b.write('IEND', 37, 'latin1');
  return b;
}

describe('format detection', () => {
  it('decides by content, not by name, and reports a wrong extension', async () => {
    const tiff = readFileSync(samplePath(G4_SAMPLE));
    expect(await detectFormat(tiff, 'scan.tif')).toMatchObject({ format: 'tiff', extensionMatches: true });
    expect(await detectFormat(tiff, 'brief.pdf')).toMatchObject({ format: 'tiff', extension: 'pdf', extensionMatches: false });
    expect((await detectFormat(await encodePng(page), 'x.jpg')).format).toBe('png');
    expect((await detectFormat(jpegOf(64, 64))).format).toBe('jpeg');
    expect((await detectFormat(await textLayerPdf(letter), 'a.PDF')).extensionMatches).toBe(true);
  });

  it('refuses empty and unknown files with their codes', async () => {
    expect((await rejection(detectFormat(new Uint8Array(0), 'leer.pdf'))).code).toBe('intake.empty_file');
    const unknown = await rejection(detectFormat(new TextEncoder().encode('Sehr geehrte Damen und Herren')));
    expect(unknown.code).toBe('intake.unsupported_format');
    const zip = await rejection(detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(60)])));
    expect(zip.code).toBe('intake.unsupported_format');
  });
});

describe('TIFF', () => {
  it('decodes every page of the CCITT G4 sample pixel for pixel', async () => {
    const bytes = readFileSync(samplePath(G4_SAMPLE));
    // Independent check that the sample really is a 3-page G4 file.
    const info = spawnSync('tiffinfo', [samplePath(G4_SAMPLE)], { encoding: 'utf8' });
    if (info.error) console.warn('tiffinfo missing (Debian libtiff-tools): independent G4 check skipped');
    else expect(info.stdout.match(/CCITT Group 4/g)).toHaveLength(3);
    const { document } = await openDocument(bytes);
    const expected = g4Pages();
    expect(document.pageCount).toBe(3);
    for (let i = 0; i < 3; i++) {
      const { raster, dpi } = await document.rasterize(i);
      expect(dpi).toEqual({ x: 300, y: 300 });
      expect(raster.channels).toBe(1);
      expect([raster.width, raster.height]).toEqual([expected[i]!.width, expected[i]!.height]);
      expect(Buffer.compare(Buffer.from(raster.data), Buffer.from(expected[i]!.data))).toBe(0);
    }
    expect(await document.pageSize(0)).toEqual({ width: (2480 * 72) / 300, height: (3508 * 72) / 300 });
  });

  it('refuses a page that claims 30,000 × 30,000 pixels before decoding it', async () => {
    const bytes = new Uint8Array(readFileSync(samplePath(G4_SAMPLE)));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const first = view.getUint32(4, true);
    for (let k = 0; k < view.getUint16(first, true); k++) {
      const entry = first + 2 + k * 12;
      const tag = view.getUint16(entry, true);
      if (tag !== 256 && tag !== 257) continue;
      if (view.getUint16(entry + 2, true) === 3) view.setUint16(entry + 8, 30_000, true);
      else view.setUint32(entry + 8, 30_000, true);
    }
    const e = await rejection(openDocument(bytes));
    expect([e.code, e.params.page, e.params.width]).toEqual(['intake.image_too_large', 1, 30_000]);
  });

  it('stops at an IFD chain that loops or claims too many pages', async () => {
    const bytes = new Uint8Array(readFileSync(samplePath(G4_SAMPLE)));
    expect(countTiffIfds(bytes, 10)).toBe(3);
    expect(() => countTiffIfds(bytes, 2)).toThrow(expect.objectContaining({ code: 'intake.too_many_pages' }));
    // Point the first IFD's "next" at itself.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const first = view.getUint32(4, true);
    view.setUint32(first + 2 + view.getUint16(first, true) * 12, first, true);
    expect((await rejection(openDocument(bytes))).code).toBe('intake.image_broken');
  });
});

describe('PNG and JPEG', () => {
  it('decodes a PNG to the same pixels and a JPEG to nearly the same', async () => {
    const png = await openDocument(await encodePng(page));
    const decoded = await png.document.rasterize(0);
    expect(decoded.raster.channels).toBe(1);
    expect(Buffer.compare(Buffer.from(decoded.raster.data), Buffer.from(page.data))).toBe(0);

    const jpeg = await openDocument(jpegOf(page.width, 400));
    const j = toGray((await jpeg.document.rasterize(0)).raster);
    let diff = 0;
    for (let i = 0; i < j.data.length; i++) diff += Math.abs(j.data[i]! - page.data[i]!);
    expect(diff / j.data.length).toBeLessThan(4);
  });

  it('refuses a 30,000 × 30,000 image from its header, before decoding', async () => {
    const e = await rejection(openDocument(pngHeaderOnly(30_000, 30_000), { name: 'riesig.png' }));
    expect(e.code).toBe('intake.image_too_large');
    expect(e.germanText).toContain('30000 × 30000');
    const jpeg = jpegOf(16, 16);
    // Patch the start-of-frame size fields of a real JPEG to 30,000 × 30,000.
    const sof = Buffer.from(jpeg).indexOf(Buffer.from([0xff, 0xc0]));
    new DataView(jpeg.buffer).setUint16(sof + 5, 30_000);
    new DataView(jpeg.buffer).setUint16(sof + 7, 30_000);
    expect((await rejection(openDocument(jpeg))).code).toBe('intake.image_too_large');
  });

  it('reports a truncated image as broken', async () => {
    const png = await encodePng(page);
    expect((await rejection(openDocument(png.subarray(0, 2000)))).code).toBe('intake.image_broken');
    const jpeg = jpegOf(200, 200);
    expect((await rejection(openDocument(jpeg.subarray(0, jpeg.length - 300)))).code).toBe('intake.image_broken');
  });
});

describe('PDF', () => {
  it('finds an existing text layer and extracts its text and word positions', async () => {
    const bytes = await textLayerPdf(letter);
    const file = join(work, 'text-layer.pdf');
    writeFileSync(file, bytes);
    const { document } = await openDocument(bytes);
    const text = await document.readText(0);
    expect(isSearchable(text)).toBe(true);
    expect(characterErrorRate(text!.text, letter.text)).toBeLessThan(0.005);
    // Independent extraction with poppler's pdftotext.
    const poppler = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(characterErrorRate(text!.text, poppler)).toBeLessThan(0.01);
    // The first word sits where the fixture drew it: 25 mm from the left, first baseline below 20 mm.
    const first = text!.words[0]!;
    expect(first.text).toBe(letter.lines[0]!.text.split(' ')[0]);
    expect(first.x).toBeCloseTo((25 / 25.4) * 72, 0);
    const baseline = 841.89 - (20 / 25.4) * 72 - 8.5 * 1.4;
    expect(first.y).toBeLessThan(baseline);
    expect(first.y + first.h).toBeGreaterThan(baseline + 5);
  });

  it('sees no text in a scanned PDF and renders its page at 300 dpi', async () => {
    const { document } = await openDocument(await imagePdf([page], 300));
    expect(isSearchable(await document.readText(0))).toBe(false);
    const { raster, dpi } = await document.rasterize(0, 300);
    expect(dpi).toEqual({ x: 300, y: 300 });
    expect(Math.abs(raster.width - page.width)).toBeLessThanOrEqual(1);
    const g = toGray(raster);
    let diff = 0;
    for (let y = 0; y < page.height; y += 7) for (let x = 0; x < page.width; x += 7) diff += Math.abs(g.data[y * g.width + x]! - page.data[y * page.width + x]!);
    expect(diff / ((page.height / 7) * (page.width / 7))).toBeLessThan(6);
    await document.close();
  });

  it('refuses encrypted, broken, oversized and overlong PDFs with their codes', async () => {
    const plain = join(work, 'plain.pdf');
    writeFileSync(plain, await textLayerPdf(letter));
    const withPassword = join(work, 'password.pdf');
    const ownerOnly = join(work, 'owner.pdf');
    execFileSync('qpdf', ['--encrypt', 'geheim', 'owner', '256', '--', plain, withPassword]);
    execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', plain, ownerOnly]);
    const pw = await rejection(openDocument(readFileSync(withPassword)));
    expect([pw.code, pw.params.kind]).toEqual(['intake.pdf_encrypted', 'password']);
    const owner = await rejection(openDocument(readFileSync(ownerOnly)));
    expect([owner.code, owner.params.kind]).toEqual(['intake.pdf_encrypted', 'restrictions']);

    const good = readFileSync(plain);
    expect((await rejection(openDocument(good.subarray(0, 400)))).code).toBe('intake.pdf_broken');
    expect((await rejection(openDocument(Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')))).code).toBe('intake.pdf_broken');

    const doc = await PDFDocument.create();
    doc.addPage([14_400, 14_400]); // 200 × 200 inches, the largest page PDF allows
    doc.addPage([595, 842]);
    doc.addPage([595, 842]);
    const big = await doc.save();
    const opened = await openDocument(big);
    const tooLarge = await rejection(opened.document.rasterize(0, 300));
    expect([tooLarge.code, tooLarge.params.page]).toEqual(['intake.image_too_large', 1]);
    await opened.document.close();
    const tooMany = await rejection(openDocument(big, { limits: { maxPixels: 120e6, maxPages: 2 } }));
    expect([tooMany.code, tooMany.params.pages]).toEqual(['intake.too_many_pages', 3]);
    expect(tooMany.germanText).toContain('höchstens 2 Seiten');
  });
});
