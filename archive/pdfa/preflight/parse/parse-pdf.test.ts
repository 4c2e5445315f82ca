import type { PDFNumber, PDFString } from 'pdf-lib';
import { PDFDict, PDFName, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { parsePdf } from './parse-pdf';
import { WorkBudget, defaultPreflightLimits } from './work-budget';

const parse = (text: string) => parsePdf(Buffer.from(text, 'latin1'), new WorkBudget(defaultPreflightLimits));

describe('parsePdf finds object headers by scanning', () => {
  it('takes `N G obj` with any PDF whitespace, also right after endobj, and nothing that only looks similar', () => {
    const pdf = parse(
      [
        '%PDF-1.7',
        '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
        '2 0 obj<< /Type /Pages /Kids [] /Count 0 >>endobj 3\r\n0\r\nobj (drei) endobj',
        '4\t0\fobj 4 endobj',
        '5 0 objekt (kein Objekt) 6 0 endobj',
        // Binary data holding something that looks like a header but is cut off by a non-digit.
        '7 0 obj << /Length 9 >> stream\nxx\u00ff8 obj\nendstream endobj',
        'trailer',
        '<< /Root 1 0 R /Size 8 >>',
        '%%EOF',
      ].join('\n'),
    );
    const lookup = (n: number) => pdf.context.lookup(PDFRef.of(n, 0));
    expect(pdf.catalog?.get(PDFName.of('Type'))).toBe(PDFName.of('Catalog'));
    expect(lookup(2)).toBeInstanceOf(PDFDict);
    expect((lookup(3) as PDFString).decodeText()).toBe('drei');
    expect((lookup(4) as PDFNumber).asNumber()).toBe(4);
    expect(lookup(5)).toBeUndefined();
    expect(lookup(8)).toBeUndefined();
    expect(pdf.context.trailerInfo.Root).toBe(PDFRef.of(1, 0));
  });

  it('reads an object number of at most ten digits from a longer run, as the PDF grammar limits it', () => {
    const pdf = parse('%PDF-1.7\n12345678901 0 obj (lang) endobj\n%%EOF');
    expect((pdf.context.lookup(PDFRef.of(2345678901, 0)) as PDFString).decodeText()).toBe('lang');
  });
});
