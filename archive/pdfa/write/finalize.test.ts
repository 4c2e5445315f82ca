import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../contract/app-error';
import { preflightPdfA } from '../preflight/preflight';
import { helveticaDocument, germanLetter, letterMeta } from '../testing/sample-documents';
import { pdffonts, readBytes, run, workFolder } from '../testing/system-tools';
import { finalizePdfA } from './finalize';

describe('finalizePdfA', () => {
  const folder = workFolder();
  let file: string;
  let bytes: Uint8Array;

  beforeAll(async () => {
    bytes = await finalizePdfA(await germanLetter(), letterMeta);
    file = folder.write('letter.pdf', bytes);
  });
  afterAll(() => folder.cleanup());

  it('passes the own preflight with PDF/A-2b claimed', () => {
    const report = preflightPdfA(bytes);
    expect(report.checks.filter((c) => c.status === 'error')).toEqual([]);
    expect(report.conforming).toBe(true);
    expect(report.claimed).toEqual({ part: 2, conformance: 'B' });
  });

  it('passes qpdf --check', () => {
    const { status, stdout } = run('qpdf', ['--check', file]);
    expect(status, stdout).toBe(0);
    expect(stdout).toContain('No syntax or stream encoding errors');
  });

  it('embeds every font (pdffonts)', () => {
    const fonts = pdffonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
  });

  it('keeps German text extractable with umlauts, ß and € (pdftotext)', () => {
    const { stdout } = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    for (const word of ['Müller', 'Überweisung', '45,00 €', 'Grüßen', 'Straßenverkehrsamt'])
      expect(stdout).toContain(word);
  });

  it('writes XMP with pdfaid part 2 and an Info dictionary that says the same (pdfinfo)', () => {
    const meta = run('pdfinfo', ['-meta', file]).stdout;
    expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(meta).toContain(`uuid:${letterMeta.documentId}`);
    const info = run('pdfinfo', ['-isodates', file]).stdout;
    expect(info).toMatch(/Title:\s+Mahnung – Kassenzeichen 5012\.3344\.1/);
    expect(info).toMatch(/Author:\s+Stadt Duisburg, Amt 21/);
    expect(info).toMatch(/CreationDate:\s+2025-03-01T09:00:00Z/);
    expect(info).toMatch(/Encrypted:\s+no/);
  });

  it('puts the document and instance UUIDs into the trailer /ID (qpdf)', () => {
    const { stdout } = run('qpdf', ['--show-object=trailer', file]);
    expect(stdout).toContain('<0f8fad5bd9cb469fa16570867728950e>');
    expect(stdout).toContain('<7c9e6679742540de944be07fc1f90ae7>');
  });

  it('embeds an sRGB output intent whose profile Little CMS accepts (qpdf extract, transicc)', () => {
    const { stdout } = run('qpdf', ['--json', '--json-key=qpdf', file]);
    const objects = (
      JSON.parse(stdout) as {
        qpdf: [unknown, Record<string, { stream?: { dict: Record<string, unknown> } }>];
      }
    ).qpdf[1];
    const profileKey = Object.keys(objects).find((k) => objects[k]?.stream?.dict['/N'] === 3);
    expect(profileKey).toBeDefined();
    const objectNumber = /obj:(\d+) 0 R/.exec(profileKey!)![1]!;
    const icc = folder.path('profile.icc');
    const extract = run('sh', [
      '-c',
      `qpdf --show-object=${objectNumber} --filtered-stream-data '${file}' > '${icc}'`,
    ]);
    expect(extract.status).toBe(0);
    expect(readBytes(icc).subarray(36, 40)).toEqual(new TextEncoder().encode('acsp'));
    const converted = run('transicc', [`-i${icc}`, '-o*Lab', '-t1'], '255 255 255\n');
    expect(converted.stdout).toMatch(/L\*=100\.0000/);
  });

  it('refuses to return a document whose font is not embedded', async () => {
    const error = await finalizePdfA(await helveticaDocument(), letterMeta).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('pdfa.not_conforming');
    expect(isAppError(error) && error.germanText).toContain('Eingebettete Schriften');
  });
});
