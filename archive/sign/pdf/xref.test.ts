import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../contract/app-error';
import { tempDir } from '../../../test/helpers/temp-dir';
import { loadDefaultStampFont } from '../stamp-font';
import { appendRawUpdate, makeTestPdf } from '../testing/test-pdf';
import { readXrefChain, type XrefEntry } from './xref';

let dir: ReturnType<typeof tempDir>;
let font: Uint8Array;
beforeAll(async () => {
  dir = tempDir('eakte-xref-');
  font = await loadDefaultStampFont();
});
afterAll(() => dir.remove());

/** The effective xref as qpdf resolves it: "n/g: uncompressed; offset = o" and "compressed; stream = s, index = i". */
function qpdfXref(bytes: Uint8Array): Map<number, XrefEntry> {
  const file = join(dir.path, 'xref-check.pdf');
  writeFileSync(file, bytes);
  const out = execFileSync('qpdf', ['--show-xref', file], { encoding: 'utf8' });
  const entries = new Map<number, XrefEntry>();
  for (const m of out.matchAll(/^(\d+)\/(\d+): (?:uncompressed; offset = (\d+)|compressed; stream = (\d+), index = (\d+))$/gm)) {
    entries.set(
      Number(m[1]),
      m[3] !== undefined
        ? { kind: 'offset', offset: Number(m[3]), generation: Number(m[2]) }
        : { kind: 'compressed', stream: Number(m[4]), index: Number(m[5]) },
    );
  }
  return entries;
}

const inUse = (entries: ReadonlyMap<number, XrefEntry>) => new Map([...entries].filter(([, e]) => e.kind !== 'free'));

function brokenCode(bytes: Uint8Array): string {
  try {
    readXrefChain(bytes);
    return 'read';
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
}

describe('readXrefChain', () => {
  it('reads classic tables, pdf-lib xref streams, qpdf streams with PNG predictors and incremental updates like qpdf', async () => {
    const classic = await makeTestPdf({ font, objectStreams: false });
    const stream = await makeTestPdf({ font, objectStreams: true });
    writeFileSync(join(dir.path, 'in.pdf'), classic);
    execFileSync('qpdf', ['--object-streams=generate', '--compress-streams=y', join(dir.path, 'in.pdf'), join(dir.path, 'qpdf.pdf')]);
    const qpdf = new Uint8Array(readFileSync(join(dir.path, 'qpdf.pdf')));
    expect(Buffer.from(qpdf).toString('latin1')).toContain('/Predictor 12');
    const page = /(\d+) 0 obj\n(<<\n\/Type \/Page\n[\s\S]*?>>)\nendobj/.exec(Buffer.from(classic).toString('latin1'))!;
    const updated = appendRawUpdate(classic, [{ num: Number(page[1]), body: page[2]! }]);

    for (const [name, bytes, formats] of [
      ['classic', classic, ['table']],
      ['pdf-lib stream', stream, ['stream']],
      ['qpdf stream', qpdf, ['stream']],
      ['incremental', updated, ['table', 'table']],
    ] as const) {
      const chain = readXrefChain(bytes);
      expect(chain.sections.map((s) => s.format), name).toEqual(formats);
      expect(inUse(chain.effective), name).toEqual(qpdfXref(bytes));
    }
  });

  it('refuses a chain that does not match the file', async () => {
    const classic = await makeTestPdf({ font, objectStreams: false });
    const text = Buffer.from(classic).toString('latin1');
    const edit = (from: RegExp, to: (m: string) => string) => new Uint8Array(Buffer.from(text.replace(from, to), 'latin1'));
    expect(brokenCode(Buffer.concat([classic.subarray(0, 9), Buffer.from(' '), classic.subarray(9)]))).toBe('sign.pdf_broken');
    expect(brokenCode(edit(/startxref\n\d+/, () => 'startxref\n99999999'))).toBe('sign.pdf_broken');
    expect(brokenCode(edit(/%%EOF\s*$/, () => ''))).toBe('sign.pdf_broken');
    expect(brokenCode(edit(/\/Root \d+ 0 R/, (m) => m.replace('/Root', '/Rxxt')))).toBe('sign.pdf_broken');
    expect(brokenCode(edit(/\n0000000000 65535 f \n/, (m) => m.replace('f ', 'x ')))).toBe('sign.pdf_broken');
    // A /Prev that points back to the same section would loop forever.
    const xrefAt = /startxref\n(\d+)/.exec(text)![1];
    expect(brokenCode(edit(/trailer\n<<\n/, (m) => `${m}/Prev ${xrefAt}\n`))).toBe('sign.pdf_broken');
    expect(brokenCode(classic)).toBe('read');
  });
});
