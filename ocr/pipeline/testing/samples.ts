import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import {
  blankBack,
  imagePdf,
  makeLetter,
  renderLetter,
  renderPatchT,
  renderTrennblatt,
  textLayerPdf,
  writeBilevelTiff,
  type Letter,
} from '../../../fixtures/samples/intake';
import { grayRaster, rotateQuarter } from '../../raster';

/** Test inputs for the intake pipeline, built from the intake fixture generators (no files checked in). */

/** Scans at 200 dpi keep OCR in tests affordable on two cores while staying realistic for office mail. */
export const SAMPLE_DPI = 200;

export const letter = (seed: number): Letter => makeLetter(seed, { paragraphs: 1 });

/** The longest word of one letter that none of the others has: what a clerk would search for. */
export function distinctiveWord(seed: number, others: readonly number[]): string {
  const words = (s: number) =>
    new Set(
      letter(s)
        .text.toLowerCase()
        .match(/\p{L}{8,}/gu) ?? [],
    );
  const taken = new Set(others.flatMap((o) => [...words(o)]));
  const own = [...words(seed)]
    .filter((w) => !taken.has(w))
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
  if (!own[0]) throw new Error(`letter ${seed} has no distinctive word`);
  return own[0];
}

/**
 * A post-room batch as an MFP without OCR sends it (image-only PDF): letter A, its blank back, a
 * Trennblatt pre-assigning `aktenzeichen`, letter B upside down, a patch-T sheet, letter C.
 */
export async function mixedBatchPdf(
  aktenzeichen: string,
  seeds: [number, number, number],
): Promise<Uint8Array> {
  const [a, b, c] = seeds.map((s) => renderLetter(letter(s), SAMPLE_DPI));
  return imagePdf(
    [
      a!,
      blankBack(a!.width, a!.height, seeds[0]),
      await renderTrennblatt(`EAKTE:AZ=${aktenzeichen}`, SAMPLE_DPI),
      rotateQuarter(b!, 180),
      await renderPatchT(SAMPLE_DPI),
      c!,
    ],
    SAMPLE_DPI,
  );
}

/** One-page documents separated by patch-T sheets, as one bilevel TIFF (for the resume test). */
export async function separatedTiff(seeds: readonly number[]): Promise<Uint8Array> {
  const patch = await renderPatchT(SAMPLE_DPI);
  const pages = seeds.flatMap((s, i) => (i === 0 ? [] : [patch]).concat(renderLetter(letter(s), SAMPLE_DPI)));
  return writeBilevelTiff(pages, SAMPLE_DPI);
}

export const digitalPdf = (seed: number): Promise<Uint8Array> => textLayerPdf(letter(seed));

/** A born-digital letter in Helvetica, a standard font that is not embedded (PDF/A forbids that). */
export async function standardFontPdf(seed: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595.28, 841.89]);
  let y = 780;
  for (const line of letter(seed).lines) {
    // WinAnsi covers German letters; anything else is left out of this sample.
    page.drawText(line.text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, ''), { x: 70, y, size: line.size, font });
    y -= line.size * 1.4 + (line.gap ?? 0);
  }
  return pdf.save({ useObjectStreams: false });
}

/** The same born-digital PDF, encrypted with a user password by qpdf (an independent tool). */
export async function encryptedPdf(seed: number): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'eakte-enc-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), await digitalPdf(seed));
    execFileSync('qpdf', [
      '--encrypt',
      'geheim',
      'geheim',
      '256',
      '--',
      join(dir, 'in.pdf'),
      join(dir, 'out.pdf'),
    ]);
    return readFileSync(join(dir, 'out.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A born-digital PDF that runs JavaScript when opened. */
export async function javascriptPdf(seed: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(await digitalPdf(seed));
  const action = pdf.context.obj({
    Type: 'Action',
    S: 'JavaScript',
    JS: PDFString.of("app.alert('Hallo');"),
  });
  pdf.catalog.set(PDFName.of('OpenAction'), pdf.context.register(action));
  return pdf.save({ useObjectStreams: false });
}

/** A born-digital PDF with an attached file. */
export async function embeddedFilePdf(seed: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(await digitalPdf(seed));
  await pdf.attach(Buffer.from('Anlage'), 'anlage.txt', { mimeType: 'text/plain' });
  return pdf.save({ useObjectStreams: false });
}

/** A PDF cut off in the middle (a transfer that broke off). */
export async function truncatedPdf(seed: number): Promise<Uint8Array> {
  const bytes = await digitalPdf(seed);
  return bytes.subarray(0, Math.floor(bytes.length / 3));
}

const crc32 = (bytes: Uint8Array): number => {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
};

const chunk = (type: string, data: Uint8Array) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
};

/** A valid PNG header claiming 30,000 × 30,000 pixels (900 MP) with one tiny compressed row. */
export function hugePng(side = 30_000): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(side + 1, 255))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A TIFF with `pages` tiny pages: what a runaway scanner job or a hostile file looks like. */
export const manyPagesTiff = (pages: number): Uint8Array =>
  writeBilevelTiff(
    Array.from({ length: pages }, () => grayRaster(16, 16)),
    SAMPLE_DPI,
  );
