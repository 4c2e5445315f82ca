import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFString, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../contract/app-error';
import {
  addJavaScriptOpenAction,
  germanLetter,
  helveticaDocument,
  letterMeta,
} from '../testing/sample-documents';
import { readBytes, run, workFolder } from '../testing/system-tools';
import { finalizePdfA } from '../write/finalize';
import { preflightPdfA } from './preflight';
import { checkResult, type CheckId, type PreflightReport } from './report';

const folder = workFolder();
let conforming: Uint8Array;

beforeAll(async () => {
  conforming = await finalizePdfA(await germanLetter(), letterMeta);
});
afterAll(() => folder.cleanup());

/** The ids of all checks with status error. */
const errors = (report: PreflightReport): CheckId[] =>
  report.checks.filter((c) => c.status === 'error').map((c) => c.id);

/** Loads the conforming letter, changes it, saves it again without touching its metadata. */
async function changedLetter(change: (doc: PDFDocument) => Promise<void> | void): Promise<Uint8Array> {
  const doc = await PDFDocument.load(conforming, { updateMetadata: false });
  await change(doc);
  return doc.save({ useObjectStreams: false });
}

/** A hand-written PDF: objects in order, xref offsets computed, so hostile structures can be made exactly. */
function handMadePdf(objects: readonly (string | Uint8Array)[], trailerExtra = ''): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : Buffer.from(body),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${length}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

const minimalCatalog = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>',
];

describe('preflightPdfA on conforming files', () => {
  it('accepts the finalized letter with every check ok', () => {
    const report = preflightPdfA(conforming);
    expect(errors(report)).toEqual([]);
    expect(report.pageCount).toBe(1);
    expect(checkResult(report, 'fonts.embedded').reason).toContain('eingebettet');
  });

  it('gives a German reason and an English detail for every check', () => {
    for (const check of preflightPdfA(conforming).checks) {
      expect(check.title.length).toBeGreaterThan(0);
      expect(check.reason.length).toBeGreaterThan(0);
    }
  });
});

describe('preflightPdfA on non-conforming files', () => {
  it('flags a standard Helvetica that pdf-lib does not embed, and names the font', async () => {
    const report = preflightPdfA(await (await helveticaDocument()).save());
    expect(errors(report)).toContain('fonts.embedded');
    expect(checkResult(report, 'fonts.embedded').reason).toContain('Helvetica');
    expect(report.conforming).toBe(false);
  });

  it('flags a file without XMP and without output intent', async () => {
    const report = preflightPdfA(await (await germanLetter()).save());
    expect(errors(report)).toEqual(
      expect.arrayContaining(['metadata.xmp', 'color.output_intent', 'file.id']),
    );
    expect(checkResult(report, 'metadata.xmp').reason).toBe('Die XMP-Metadaten fehlen.');
  });

  it('flags a JavaScript OpenAction and nothing else', async () => {
    const report = preflightPdfA(await changedLetter(addJavaScriptOpenAction));
    expect(errors(report)).toEqual(['actions.javascript']);
  });

  it('flags an encrypted file made by qpdf --encrypt, with and without object streams', () => {
    const plain = folder.write('plain.pdf', conforming);
    for (const extra of [[], ['--object-streams=generate']]) {
      const encrypted = folder.path(`encrypted${extra.length}.pdf`);
      const made = run('qpdf', [...extra, '--encrypt', '', 'eigentuemer', '256', '--', plain, encrypted]);
      expect(made.status, made.stderr).toBe(0);
      const report = preflightPdfA(readBytes(encrypted));
      expect(errors(report)).toContain('file.encryption');
      expect(checkResult(report, 'file.encryption').reason).toContain('verschlüsselt');
      expect(report.conforming).toBe(false);
    }
  });

  it('finds a non-embedded font inside an annotation appearance stream', async () => {
    const bytes = await changedLetter(async (doc) => {
      const helvetica = await doc.embedFont(StandardFonts.Helvetica);
      const appearance = doc.context.stream('BT /Helv 10 Tf 2 5 Td (Eingang) Tj ET', {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, 80, 20],
        Resources: { Font: { Helv: helvetica.ref } },
      });
      const stamp = doc.context.obj({
        Type: 'Annot',
        Subtype: 'Stamp',
        Rect: [400, 700, 480, 720],
        F: 4,
        AP: { N: doc.context.register(appearance) },
      });
      doc.getPage(0).node.addAnnot(doc.context.register(stamp));
    });
    const report = preflightPdfA(bytes);
    expect(errors(report)).toEqual(['fonts.embedded']);
    expect(checkResult(report, 'fonts.embedded').detail).toContain('annotation 1, appearance /N');
  });

  it('flags a Launch action on a link, an attachment, and an LZW stream', async () => {
    const bytes = await changedLetter(async (doc) => {
      const link = doc.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [0, 0, 50, 50],
        F: 4,
        A: { S: 'Launch', F: PDFString.of('cmd.exe') },
      });
      doc.getPage(0).node.addAnnot(doc.context.register(link));
      await doc.attach(new TextEncoder().encode('Anlage'), 'anlage.txt', { mimeType: 'text/plain' });
      const lzw = doc.context.stream(new Uint8Array([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: 1,
        Height: 1,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 8,
        Filter: 'LZWDecode',
      });
      doc.getPage(0).node.newXObject('Old', doc.context.register(lzw));
    });
    const report = preflightPdfA(bytes);
    expect(errors(report)).toEqual(['actions.forbidden', 'files.embedded', 'streams.filters']);
    expect(checkResult(report, 'actions.forbidden').reason).toContain('Launch');
  });

  it('flags an Info title that no longer matches the XMP title', async () => {
    const report = preflightPdfA(await changedLetter((doc) => doc.setTitle('Ein anderer Titel')));
    expect(errors(report)).toEqual(['metadata.consistency']);
    expect(checkResult(report, 'metadata.consistency').reason).toContain('Titel');
  });

  it('flags a PDF/A-1 claim, data after %%EOF and a missing binary header comment', async () => {
    const text = Buffer.from(conforming).toString('latin1');
    const changed = text
      .replace('<pdfaid:part>2</pdfaid:part>', '<pdfaid:part>1</pdfaid:part>')
      .replace(/^(%PDF-1\.7\n)%[^\n]*\n/, '$1% plain\n');
    const report = preflightPdfA(Buffer.from(`${changed}Nachtrag`, 'latin1'));
    expect(errors(report)).toEqual(['file.header', 'file.structure', 'metadata.xmp']);
    expect(report.claimed).toEqual({ part: 1, conformance: 'B' });
  });

  it('accepts a PDF/A-2u claim as at least 2b and says so', () => {
    const text = Buffer.from(conforming)
      .toString('latin1')
      .replace('<pdfaid:conformance>B<', '<pdfaid:conformance>U<');
    const report = preflightPdfA(Buffer.from(text, 'latin1'));
    expect(report.conforming).toBe(true);
    expect(checkResult(report, 'metadata.xmp').reason).toContain('PDF/A-2u');
  });
});

describe('preflightPdfA on unreadable and hostile input', () => {
  it('throws pdfa.not_a_pdf for other files and pdfa.unreadable without a catalog', () => {
    const notPdf = (() => {
      try {
        preflightPdfA(new TextEncoder().encode('Hallo, kein PDF'));
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(notPdf) && notPdf.code).toBe('pdfa.not_a_pdf');
    const noCatalog = (() => {
      try {
        preflightPdfA(handMadePdf(['<< /Type /Pages /Kids [] /Count 0 >>']));
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(noCatalog) && noCatalog.code).toBe('pdfa.unreadable');
  });

  it('stops at deep nesting with a work-limit error instead of overflowing the stack', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const report = preflightPdfA(handMadePdf([...minimalCatalog, deep]));
    expect(errors(report)).toContain('file.work_limits');
    expect(checkResult(report, 'file.work_limits').reason).toContain('verschachtelt');
  });

  it('does not decompress an object-stream bomb beyond the stream limit', () => {
    const bomb = deflateSync(Buffer.alloc(8 * 1024 * 1024));
    const objStm = Buffer.concat([
      Buffer.from(
        `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`,
        'latin1',
      ),
      bomb,
      Buffer.from('\nendstream', 'latin1'),
    ]);
    const report = preflightPdfA(handMadePdf([...minimalCatalog, objStm]), { maxStreamBytes: 1024 * 1024 });
    expect(errors(report)).toContain('file.work_limits');
    expect(checkResult(report, 'file.work_limits').detail).toContain('maxStreamBytes');
    expect(checkResult(report, 'fonts.embedded').status).toBe('warning');
  });

  it('ignores the entry counts of a lying xref stream and survives a page-tree cycle', () => {
    const xrefStream = `<< /Type /XRef /Size 1000000000 /W [1 4 4] /Index [0 1000000000] /Root 1 0 R /Length 3 >>\nstream\nabc\nendstream`;
    const cyclic = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>',
      xrefStream,
    ];
    const report = preflightPdfA(handMadePdf(cyclic));
    expect(report.pageCount).toBe(1);
    expect(errors(report)).not.toContain('file.work_limits');
  });

  it('reports too many objects as a work limit', () => {
    const many = Array.from({ length: 50 }, () => '<< /Filler true >>');
    const report = preflightPdfA(handMadePdf([...minimalCatalog, ...many]), { maxObjects: 20 });
    expect(errors(report)).toEqual(['file.work_limits']);
  });
});
