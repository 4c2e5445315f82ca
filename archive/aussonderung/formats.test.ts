import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderLetterPdf } from '../../fixtures/demo/letter-pdf';
import { tempDir } from '../../test/helpers/temp-dir';
import { preflightPdfA } from '../pdfa/index';
import { encodePng } from '../pdfa/testing/png-encoder';
import { archivalFormatOf } from './formats';
import { pdfaTools } from './pdfa-tools';

const dir = tempDir();
afterAll(() => dir.remove());

const identity = {
  title: 'Bescheid',
  createdAt: new Date('2014-02-07T10:00:00Z'),
  convertedAt: new Date('2026-12-02T10:00:00Z'),
  documentId: 'a1b2c3d4-0001-4000-8000-000000000001',
  sourceSha256: 'ab'.repeat(32),
};
const letter = () =>
  renderLetterPdf({
    docType: 'Bescheid',
    title: 'Bescheid über Gewerbesteuer',
    sender: 'Stadt Musterstadt, Steueramt',
    recipient: 'Muster GmbH',
    date: '2014-02-07',
    subject: 'Gewerbesteuer 2013',
    paragraphs: ['Die Gewerbesteuer für 2013 wird auf 1.234,00 € festgesetzt.'],
  });

describe('archival format of a primary file (PDF/A engine of archive/pdfa)', () => {
  it('converts a plain PDF into a PDF/A that qpdf and the preflight accept, the same bytes every time', async () => {
    const plain = await letter();
    expect(preflightPdfA(plain).conforming).toBe(false);
    const first = await archivalFormatOf(pdfaTools, plain, 'application/pdf', identity);
    const second = await archivalFormatOf(pdfaTools, plain, 'application/pdf', identity);
    if (first.outcome !== 'converted' || second.outcome !== 'converted') throw new Error(`not converted: ${first.outcome}`);
    expect(first.version).toBe('2b');
    expect(first.reason).toMatch(/^umgewandelt \(/);
    expect(preflightPdfA(first.pdf).claimed).toEqual({ part: 2, conformance: 'B' });
    expect(Buffer.from(second.pdf)).toEqual(Buffer.from(first.pdf));
    const file = join(dir.path, 'converted.pdf');
    writeFileSync(file, first.pdf);
    expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);
    expect(preflightPdfA(first.pdf).conforming).toBe(true);

    expect(await archivalFormatOf(pdfaTools, first.pdf, 'application/pdf', identity)).toEqual({ outcome: 'conforming', version: '2b' });
  });

  it('turns a scanned PNG into a one-page PDF/A', async () => {
    const png = encodePng({ width: 120, height: 170, colorType: 2, bitDepth: 8, samples: (x, y) => [x % 256, y % 256, 128] });
    const result = await archivalFormatOf(pdfaTools, png, 'image/png', identity);
    if (result.outcome !== 'converted') throw new Error(`not converted: ${JSON.stringify(result)}`);
    expect(result.reason).toBe('umgewandelt aus image/png');
    const file = join(dir.path, 'scan.pdf');
    writeFileSync(file, result.pdf);
    expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);
    expect(preflightPdfA(result.pdf)).toMatchObject({ conforming: true, pageCount: 1 });
  });

  it('names the reason for what cannot be made PDF/A, instead of failing or passing it silently', async () => {
    const text = await archivalFormatOf(pdfaTools, Buffer.from('Aktenvermerk'), 'text/plain', identity);
    expect(text).toEqual({ outcome: 'not_conforming', reason: expect.stringMatching(/text\/plain ist kein PDF\/A/) });
    const broken = await archivalFormatOf(pdfaTools, Buffer.from('%PDF-1.7\nkaputt'), 'application/pdf', identity);
    expect(broken.outcome).toBe('not_conforming');
    expect((broken as { reason: string }).reason.length).toBeGreaterThan(10);
  });
});
