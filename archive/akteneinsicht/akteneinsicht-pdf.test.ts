import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { failedChecks, finalizePdfA, preflightPdfA } from '../pdfa';
import { encodePng } from '../pdfa/testing/png-encoder';
import { germanLetter, letterMeta } from '../pdfa/testing/sample-documents';
import { run, workFolder } from '../pdfa/testing/system-tools';
import { buildAkteneinsichtPdf } from './akteneinsicht-pdf';
import { renderVermerkPdf } from './vermerk-pdf';

const work = workFolder();
afterAll(() => work.cleanup());
const at = new Date('2026-11-23T09:00:00+01:00');

const pages = (file: string) => Number(run('qpdf', ['--show-npages', file]).stdout.trim());
const text = (file: string, first?: number) =>
  run('pdftotext', [...(first ? ['-f', String(first), '-l', String(first)] : []), '-layout', file, '-'])
    .stdout;

describe('Vermerk PDF', () => {
  it('flows a long note over several PDF/A pages and leaves out characters the font cannot show', async () => {
    const body = Array.from(
      { length: 120 },
      (_, i) => `Absatz ${i + 1}: Rücksprache mit der Antragstellerin über Größe und Lage der Außenfläche.`,
    ).join('\n');
    const bytes = await renderVermerkPdf({
      title: 'Vermerk Ortstermin 🌞',
      text: `${body}\nSchlusswort Zwetschgenröster`,
      aktenzeichen: '32.10.02-0001/2026-01',
      author: 'Jonas Becker (Amt 32)',
      at,
      documentId: '0f9d4c1e-5a7b-4c2d-9e3f-1a2b3c4d5e6f',
    });
    expect(failedChecks(preflightPdfA(bytes))).toEqual([]);
    const file = work.write('vermerk.pdf', bytes);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
    expect(pages(file)).toBeGreaterThan(2);
    const all = text(file);
    expect(all).toContain('Vermerk Ortstermin');
    expect(all).not.toContain('🌞');
    expect(all).toContain('Absatz 120:');
    expect(all).toContain('Schlusswort Zwetschgenröster');
  });
});

describe('Akteneinsicht PDF', () => {
  it('joins PDFs, images and unreadable files behind a table of contents, stamping every page', async () => {
    const letter = await finalizePdfA(await germanLetter(), letterMeta);
    const twoPages = await PDFDocument.create();
    twoPages.addPage();
    twoPages.addPage();
    const png = encodePng({
      width: 40,
      height: 20,
      colorType: 2,
      bitDepth: 8,
      samples: (x) => [x * 6, 100, 200],
    });
    const parts = [
      {
        title: 'Brief',
        vorgangAktenzeichen: '21.30.02-0001/2026-01',
        date: '2026-03-02',
        mimeType: 'application/pdf',
        bytes: letter,
      },
      {
        title: 'Zwei Seiten',
        vorgangAktenzeichen: '21.30.02-0001/2026-01',
        date: null,
        mimeType: 'application/pdf',
        bytes: await twoPages.save(),
      },
      {
        title: 'Foto der Fläche',
        vorgangAktenzeichen: '21.30.02-0001/2026-02',
        date: '2026-04-01',
        mimeType: 'image/png',
        bytes: png,
      },
      {
        title: 'Kaputte Datei',
        vorgangAktenzeichen: '21.30.02-0001/2026-02',
        date: null,
        mimeType: 'application/pdf',
        bytes: new TextEncoder().encode('%PDF-1.7 kaputt'),
      },
      {
        title: 'Tabelle',
        vorgangAktenzeichen: '21.30.02-0001/2026-02',
        date: null,
        mimeType: 'text/csv',
        bytes: new TextEncoder().encode('a;b'),
      },
    ];
    const { bytes, pageCount } = await buildAkteneinsichtPdf(
      { aktenzeichen: '21.30.02-0001/2026', akteTitle: 'Testakte', at },
      parts,
    );
    const file = work.write('einsicht.pdf', bytes);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
    // 1 contents page + 1 letter page + 2 + 1 image page + 2 placeholder pages.
    expect(pageCount).toBe(7);
    expect(pages(file)).toBe(7);
    const toc = text(file, 1);
    expect(toc).toMatch(/1\. Brief .*Seite 2/);
    expect(toc).toMatch(/2\. Zwei Seiten .*Seite 3/);
    expect(toc).toMatch(/3\. Foto der Fläche .*Seite 5/);
    expect(toc).toMatch(/4\. Kaputte Datei .*Seite 6/);
    expect(toc).toMatch(/5\. Tabelle .*Seite 7/);
    for (let n = 1; n <= 7; n++)
      expect(text(file, n)).toContain(`Akteneinsicht 21.30.02-0001/2026 – Seite ${n} von 7`);
    expect(text(file, 6)).toContain('verschlüsselt oder beschädigt');
    expect(text(file, 7)).toContain('text/csv');
    expect(run('pdfimages', ['-list', '-f', '5', '-l', '5', file]).stdout).toMatch(/\s40\s+20\s/);
    // Bookmarks lead to each document's first page (qpdf's view of the outline).
    const outline = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', file]).stdout) as {
      outlines: { title: string; destpageposfrom1: number }[];
    };
    expect(outline.outlines.map((o) => [o.title, o.destpageposfrom1])).toEqual([
      ['Inhaltsverzeichnis', 1],
      ['1. Brief', 2],
      ['2. Zwei Seiten', 3],
      ['3. Foto der Fläche', 5],
      ['4. Kaputte Datei', 6],
      ['5. Tabelle', 7],
    ]);
  });

  it('keeps the page numbers of the contents right when the contents need more than one page', async () => {
    const one = await PDFDocument.create();
    one.addPage();
    const single = await one.save();
    const parts = Array.from({ length: 70 }, (_, i) => ({
      title: `Dokument Nummer ${i + 1}`,
      vorgangAktenzeichen: '21.30.02-0001/2026-01',
      date: null,
      mimeType: 'application/pdf',
      bytes: single,
    }));
    const { bytes, pageCount } = await buildAkteneinsichtPdf(
      { aktenzeichen: '21.30.02-0001/2026', akteTitle: 'Große Akte', at },
      parts,
    );
    const file = work.write('lang.pdf', bytes);
    const tocPages = pageCount - 70;
    expect(tocPages).toBeGreaterThan(1);
    const toc = Array.from({ length: tocPages }, (_, i) => text(file, i + 1)).join('\n');
    expect(toc).toMatch(new RegExp(`70\\. Dokument Nummer 70 .*Seite ${pageCount}\\b`));
    expect(toc).toMatch(new RegExp(`1\\. Dokument Nummer 1 .*Seite ${tocPages + 1}\\b`));
  });
});
