import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeLetter, renderLetter, renderPatchT, renderTrennblatt } from '../../fixtures/samples/intake';
import { encodePng, rotateGray, rotateQuarter } from '../raster';
import { classifyBarcode, createZxingReader, splitBatch, trennblattOf, trennblattPayload } from '.';

const reader = createZxingReader();

describe('Trennblatt pages', () => {
  it('reads a QR separator and the Aktenzeichen it carries, also skewed and upside down', async () => {
    const sheet = await renderTrennblatt(trennblattPayload('21.30.02-0001/2025'));
    for (const page of [sheet, rotateQuarter(rotateGray(sheet, 3), 180)]) {
      const codes = await reader.read(page, 300);
      expect(codes).toContainEqual({ format: 'QRCode', text: 'EAKTE:AZ=21.30.02-0001/2025' });
      expect(trennblattOf(codes)).toEqual({ kind: 'qr', aktenzeichen: '21.30.02-0001/2025' });
    }
  });

  it('prints a QR code that an independent reader (zbarimg) decodes to the same payload', async () => {
    const zbar = spawnSync('zbarimg', ['--version']);
    if (zbar.error) return console.warn('zbarimg missing (Debian zbar-tools): independent QR check skipped');
    const dir = mkdtempSync(join(tmpdir(), 'trennblatt-'));
    try {
      const file = join(dir, 'trennblatt.png');
      writeFileSync(file, await encodePng(await renderTrennblatt(trennblattPayload('32.10.02-0007/2025'))));
      const out = spawnSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8' });
      expect(out.stdout.trim()).toBe('EAKTE:AZ=32.10.02-0007/2025');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the patch-T sheet', async () => {
    const codes = await reader.read(await renderPatchT(), 300);
    expect(trennblattOf(codes)).toEqual({ kind: 'patch-t' });
  });

  it('finds no separator on a letter', async () => {
    const codes = await reader.read(renderLetter(makeLetter(41)), 300);
    expect(trennblattOf(codes)).toBeNull();
  });

  it('splits only at our own codes', () => {
    expect(classifyBarcode({ format: 'QRCode', text: 'EAKTE:TRENNBLATT' })).toEqual({ kind: 'qr', aktenzeichen: null });
    expect(classifyBarcode({ format: 'QRCode', text: 'BCD\n002\n1\nSCT\n…' })).toBeNull(); // a GiroCode on an invoice
    expect(classifyBarcode({ format: 'Code128', text: 'PATCHT' })).toEqual({ kind: 'patch-t' });
    expect(classifyBarcode({ format: 'QRCode', text: 'PATCHT' })).toBeNull();
    expect(classifyBarcode({ format: 'QRCode', text: 'EAKTE:AZ=21.30-1/25' })).toEqual({ kind: 'invalid', payload: 'EAKTE:AZ=21.30-1/25' });
  });
});

describe('splitBatch', () => {
  it('cuts at separators, drops blank pages and empty documents, keeps the Aktenzeichen', () => {
    const qr = (aktenzeichen: string | null) => ({ kind: 'qr' as const, aktenzeichen });
    const result = splitBatch([
      { index: 0, trennblatt: null, blank: false },
      { index: 1, trennblatt: null, blank: true },
      { index: 2, trennblatt: qr('30.10.01-0042/2025'), blank: false },
      { index: 3, trennblatt: null, blank: false },
      { index: 4, trennblatt: null, blank: false },
      { index: 5, trennblatt: { kind: 'patch-t' }, blank: false },
      { index: 6, trennblatt: qr(null), blank: false },
      { index: 7, trennblatt: null, blank: false },
      { index: 8, trennblatt: { kind: 'invalid', payload: 'EAKTE:AZ=x' }, blank: false },
      { index: 9, trennblatt: null, blank: false },
      { index: 10, trennblatt: { kind: 'patch-t' }, blank: false },
    ]);
    expect(result.documents).toEqual([
      { pages: [0], aktenzeichen: null, needsReview: false },
      { pages: [3, 4], aktenzeichen: '30.10.01-0042/2025', needsReview: false },
      { pages: [7], aktenzeichen: null, needsReview: false },
      { pages: [9], aktenzeichen: null, needsReview: true },
    ]);
    expect(result.separatorPages).toEqual([2, 5, 6, 8, 10]);
    expect(result.blankPages).toEqual([1]);
  });
});
