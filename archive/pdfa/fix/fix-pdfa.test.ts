import { PDFName, type PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addJavaScriptOpenAction,
  germanLetter,
  helveticaDocument,
  letterMeta,
} from '../testing/sample-documents';
import { readBytes, run, workFolder } from '../testing/system-tools';
import { finalizePdfA } from '../write/finalize';
import { fixPdfA } from './fix-pdfa';

const folder = workFolder();
afterAll(() => folder.cleanup());
const now = () => new Date('2025-04-01T08:00:00Z');

/** A letter with Info but no PDF/A parts; saved with object streams unless `plainObjects`. */
async function plainLetter(change?: (doc: PDFDocument) => void, plainObjects = false): Promise<Uint8Array> {
  const doc = await germanLetter();
  doc.setTitle('Bescheid über Gebühren');
  doc.setAuthor('Stadt Düsseldorf, Amt 32');
  doc.setCreationDate(new Date('2024-11-05T10:00:00Z'));
  change?.(doc);
  return doc.save({ useObjectStreams: !plainObjects });
}

describe('fixPdfA', () => {
  it('adds XMP, output intent and /ID to a letter with embedded fonts, keeping its title', async () => {
    const result = await fixPdfA(await plainLetter(), { now });
    expect(result.status).toBe('fixed');
    if (result.status !== 'fixed') return;
    expect(result.report.conforming).toBe(true);
    const file = folder.write('fixed.pdf', result.bytes);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
    expect(run('pdfinfo', ['-meta', file]).stdout).toContain('<pdfaid:part>2</pdfaid:part>');
    const info = run('pdfinfo', ['-isodates', file]).stdout;
    expect(info).toMatch(/Title:\s+Bescheid über Gebühren/);
    expect(info).toMatch(/CreationDate:\s+2024-11-05T10:00:00Z/);
    expect(info).toMatch(/ModDate:\s+2025-04-01T08:00:00Z/);
    expect(run('pdftotext', ['-enc', 'UTF-8', file, '-']).stdout).toContain('Müller');
  });

  it('removes a JavaScript OpenAction from the file', async () => {
    const before = folder.write('js.pdf', await plainLetter(addJavaScriptOpenAction, true));
    expect(Buffer.from(readBytes(before)).toString('latin1')).toContain('app.alert');
    const result = await fixPdfA(readBytes(before), { now });
    expect(result.status).toBe('fixed');
    if (result.status !== 'fixed') return;
    const after = folder.write('js-fixed.pdf', result.bytes);
    expect(run('pdfinfo', [after]).stdout).toMatch(/JavaScript:\s+no/);
    expect(Buffer.from(result.bytes).toString('latin1')).not.toContain('app.alert');
    expect(result.changes.join(' ')).toContain('JavaScript entfernt');
  });

  it('returns an already conforming file unchanged', async () => {
    const conforming = await finalizePdfA(await germanLetter(), letterMeta);
    const result = await fixPdfA(conforming);
    expect(result.status).toBe('conforming');
    expect(result.status === 'conforming' && result.bytes).toBe(conforming);
  });

  it('does not convert files with missing fonts, encryption or a signature, and says why', async () => {
    const helvetica = await fixPdfA(await (await helveticaDocument()).save(), { now });
    expect(helvetica.status).toBe('not_convertible');
    expect(helvetica.status === 'not_convertible' && helvetica.reasons.join(' ')).toMatch(
      /nicht konvertierbar: Eingebettete Schriften: .*Helvetica/,
    );

    const plain = folder.write('to-encrypt.pdf', await plainLetter());
    const encrypted = folder.path('encrypted.pdf');
    expect(run('qpdf', ['--encrypt', '', 'eigentuemer', '256', '--', plain, encrypted]).status).toBe(0);
    const locked = await fixPdfA(readBytes(encrypted), { now });
    expect(locked.status === 'not_convertible' && locked.reasons.join(' ')).toContain('verschlüsselt');

    const signed = await fixPdfA(
      await plainLetter((doc) => {
        const sig = doc.context.obj({ Type: 'Sig', Filter: 'Adobe.PPKLite', ByteRange: [0, 10, 20, 30] });
        doc.catalog.set(PDFName.of('SigHolder'), doc.context.register(sig));
      }),
      { now },
    );
    expect(signed.status === 'not_convertible' && signed.reasons.join(' ')).toContain('signiert');
  });
});
