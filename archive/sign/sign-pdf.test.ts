import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { signPdf, verifyPdf, type SignPdfOptions } from './index';
import { asn1parse, extractSignatures, opensslCmsVerify } from './testing/openssl-checks';
import { pdfsig } from './testing/pdfsig';
import { qpdfCheck, qpdfObjects, type QpdfValue } from './testing/qpdf';
import { createSignFixture, sha256Hex, type SignFixture } from './testing/sign-fixture';
import { appendRawUpdate, makeTestPdf } from './testing/test-pdf';

let fx: SignFixture;
beforeAll(async () => {
  fx = await createSignFixture();
});
afterAll(() => fx.remove());

const ca = () => [readFileSync(fx.pki.caCert)];
const verify = (pdf: Uint8Array) => verifyPdf(pdf, { trustAnchors: ca(), clock: fx.clock });

async function errorCode(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
  return 'no error';
}

/** Fully signed-and-trusted according to poppler/NSS, and the CMS verified by openssl against the CA. */
function expectIndependentlyValid(file: string, count: number) {
  const report = pdfsig(file, fx.nssDir);
  expect(report).toHaveLength(count);
  for (const sig of report) {
    expect(sig.signatureValidation).toBe('Signature is Valid.');
    expect(sig.certificateValidation).toBe('Certificate is Trusted.');
    expect(sig.subFilter).toBe('ETSI.CAdES.detached');
  }
  const raw = extractSignatures(readFileSync(file));
  expect(raw).toHaveLength(count);
  raw.forEach((sig, i) => expect(opensslCmsVerify(fx.dir, sig, fx.pki.caCert, `cms-${i}`).ok).toBe(true));
  return { report, raw };
}

describe('signPdf: PAdES B-B', () => {
  it('signs a pdf-lib PDF (xref stream) so that pdfsig and openssl accept it, with the CAdES attributes PAdES wants', async () => {
    const input = await makeTestPdf({ font: fx.font });
    const before = sha256Hex(input);
    const result = await signPdf(input, {
      signer: await fx.signer(fx.pki.signer),
      clock: fx.clock,
      reason: 'Bescheid freigegeben',
      location: 'Düsseldorf',
    });
    expect(sha256Hex(input)).toBe(before);
    expect(Buffer.from(result.pdf.subarray(0, input.length)).equals(Buffer.from(input))).toBe(true);
    expect(result).toMatchObject({ fieldName: 'Signatur1', level: 'B-B', timestamp: { state: 'not_requested' } });
    expect(result.certificate.commonName).toBe('Erika Mustermann');

    const file = fx.write('b-b.pdf', result.pdf);
    const { report, raw } = expectIndependentlyValid(file, 1);
    expect(report[0]).toMatchObject({ fieldName: 'Signatur1', commonName: 'Erika Mustermann', totalDocumentSigned: true });
    expect(raw[0]!.byteRange[2]! + raw[0]!.byteRange[3]!).toBe(result.pdf.length);

    const asn1 = asn1parse(fx.dir, raw[0]!.cms);
    expect(asn1).toContain(':id-smime-aa-signingCertificateV2');
    expect(asn1).toContain(':contentType');
    expect(asn1).toContain(':messageDigest');
    expect(asn1).not.toContain(':signingTime');
    expect(asn1).toContain(':sha256WithRSAEncryption');

    const sigDict = [...qpdfObjects(file).values()].find((v) => isDict(v) && v['/Type'] === '/Sig') as Record<string, QpdfValue>;
    expect(sigDict).toMatchObject({
      '/Filter': '/Adobe.PPKLite',
      '/SubFilter': '/ETSI.CAdES.detached',
      '/Reason': 'u:Bescheid freigegeben',
      '/Location': 'u:Düsseldorf',
      '/Name': 'u:Erika Mustermann',
    });
    const claimed = /^u:D:(\d{14})Z$/.exec(String(sigDict['/M']))![1];
    expect(claimed).toBe(fx.clock.now().toISOString().replace(/[-:T]/g, '').slice(0, 14));

    const [ours] = (await verify(result.pdf)).signatures;
    expect(ours).toMatchObject({ status: 'valid', level: 'B-B', fieldName: 'Signatur1', certificateTrusted: true });
  });

  it('keeps the xref format of the input: a classic table stays a table, qpdf object streams with predictors get a stream', async () => {
    const classic = await makeTestPdf({ font: fx.font, objectStreams: false });
    const qpdfInput = fx.write('qpdf-in.pdf', classic);
    execFileSync('qpdf', ['--object-streams=generate', qpdfInput, join(fx.dir, 'qpdf-objstm.pdf')]);
    const withStreams = new Uint8Array(readFileSync(join(fx.dir, 'qpdf-objstm.pdf')));
    const signer = await fx.signer(fx.pki.ecSigner);
    for (const [name, input, format] of [
      ['classic', classic, 'table'],
      ['qpdf', withStreams, 'stream'],
    ] as const) {
      const { pdf } = await signPdf(input, { signer, clock: fx.clock });
      const file = fx.write(`format-${name}.pdf`, pdf);
      expect(qpdfCheck(file).status).toBe(0);
      const tail = Buffer.from(pdf.subarray(input.length)).toString('latin1');
      expect(/\nxref\n/.test(tail)).toBe(format === 'table');
      expect(tail.includes('/Type /XRef')).toBe(format === 'stream');
      const { raw } = expectIndependentlyValid(file, 1);
      expect(asn1parse(fx.dir, raw[0]!.cms)).toContain(':ecdsa-with-SHA256');
    }
  });

  it('draws a visible stamp on the chosen page: embedded font, printable widget with appearance, visible when rendered', async () => {
    const input = await makeTestPdf({ font: fx.font, pages: 2 });
    const stamp = { page: 2, x: 330, y: 60, width: 210, height: 72, font: fx.font };
    const { pdf } = await signPdf(input, {
      signer: await fx.signer(fx.pki.signer),
      clock: fx.clock,
      reason: 'Mitzeichnung',
      location: 'Rathaus',
      stamp,
    });
    const file = fx.write('stamp.pdf', pdf);
    const original = fx.write('stamp-original.pdf', input);
    expectIndependentlyValid(file, 1);

    const objects = qpdfObjects(file);
    const [widgetKey, widgetValue] = [...objects.entries()].find(([, v]) => isDict(v) && v['/Subtype'] === '/Widget')!;
    const widget = widgetValue as Record<string, QpdfValue>;
    expect(widget['/F']).toBe(132);
    expect(widget['/Rect']).toEqual([330, 60, 540, 132]);
    expect(isDict(widget['/AP']) && typeof widget['/AP']['/N']).toBe('string');
    const pages = objects.get('obj:' + String((objects.get('obj:' + String(trailerRoot(objects))) as Record<string, QpdfValue>)['/Pages']));
    const secondPage = ((pages as Record<string, QpdfValue>)['/Kids'] as string[])[1]!;
    expect(widget['/P']).toBe(secondPage);
    expect((objects.get(`obj:${secondPage}`) as Record<string, QpdfValue>)['/Annots']).toEqual([widgetKey.replace('obj:', '')]);

    // pdffonts lists the fonts of pages and their annotations: the stamp's font is embedded too.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBe(execFileSync('pdffonts', [original], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).length + 1);
    for (const line of fonts) expect(line).toMatch(/ yes /);

    expect(darkPixels(file, 2, stamp)).toBeGreaterThan(50);
    expect(darkPixels(original, 2, stamp)).toBe(0);
  });

  it('refuses certificates that must not sign: expired, not yet valid, without signing key usage', async () => {
    const input = await makeTestPdf({ font: fx.font });
    const sign = (identity: typeof fx.pki.signer) => async () =>
      signPdf(input, { signer: await fx.signer(identity), clock: fx.clock });
    expect(await errorCode(sign(fx.pki.expiredSigner))).toBe('sign.certificate_expired');
    expect(await errorCode(sign(fx.pki.notYetValidSigner))).toBe('sign.certificate_not_yet_valid');
    expect(await errorCode(sign(fx.pki.encipherOnlySigner))).toBe('sign.certificate_key_usage');
    expect(await errorCode(sign(fx.pki.noKeyUsageSigner))).toBe('sign.certificate_key_usage');
  });

  it('refuses broken, encrypted, oversized and non-PDF input and bad stamp or field choices', async () => {
    const input = await makeTestPdf({ font: fx.font, objectStreams: false });
    const signer = await fx.signer(fx.pki.signer);
    const sign = (pdf: Uint8Array, extra: Partial<SignPdfOptions> = {}) => () => signPdf(pdf, { signer, clock: fx.clock, ...extra });

    // One byte inserted after the header moves every object away from its xref offset.
    const shifted = Buffer.concat([input.subarray(0, 9), Buffer.from('\n'), input.subarray(9)]);
    expect(await errorCode(sign(shifted))).toBe('sign.pdf_broken');
    const text = Buffer.from(input).toString('latin1');
    const badStartxref = Buffer.from(text.replace(/startxref\n(\d+)/, (_, n: string) => `startxref\n${Number(n) - 7}`), 'latin1');
    expect(await errorCode(sign(badStartxref))).toBe('sign.pdf_broken');
    expect(await errorCode(sign(input.subarray(0, input.length - 200)))).toBe('sign.pdf_broken');

    const plain = fx.write('plain.pdf', input);
    execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', plain, join(fx.dir, 'encrypted.pdf')]);
    expect(await errorCode(sign(new Uint8Array(readFileSync(join(fx.dir, 'encrypted.pdf')))))).toBe('sign.pdf_encrypted');

    expect(await errorCode(sign(input, { maxBytes: input.length - 1 }))).toBe('sign.pdf_too_large');
    expect(await errorCode(sign(new TextEncoder().encode('Sehr geehrte Damen und Herren,\n')))).toBe('sign.not_a_pdf');
    const stamp = { page: 2, x: 10, y: 10, width: 200, height: 60, font: fx.font };
    expect(await errorCode(sign(input, { stamp }))).toBe('sign.page_out_of_range');
    expect(await errorCode(sign(input, { stamp: { ...stamp, page: 1, x: 500 } }))).toBe('sign.stamp_invalid');
    expect(await errorCode(sign(input, { stamp: { ...stamp, page: 1, height: 10 } }))).toBe('sign.stamp_invalid');
    const once = await signPdf(input, { signer, clock: fx.clock, fieldName: 'Freigabe' });
    expect(await errorCode(sign(once.pdf, { fieldName: 'Freigabe' }))).toBe('sign.field_exists');
  });
});

describe('Mitzeichnung: two signatures', () => {
  it('keeps the first signature valid when a second is added as an incremental update', async () => {
    const input = await makeTestPdf({ font: fx.font });
    const first = await signPdf(input, {
      signer: await fx.signer(fx.pki.signer),
      clock: fx.clock,
      reason: 'Entwurf gezeichnet',
      stamp: { page: 1, x: 60, y: 60, width: 200, height: 70, font: fx.font },
    });
    const second = await signPdf(first.pdf, {
      signer: await fx.signer(fx.pki.ecSigner),
      clock: fx.clock,
      reason: 'Mitgezeichnet',
      stamp: { page: 1, x: 320, y: 60, width: 200, height: 70, font: fx.font },
    });
    expect(second.fieldName).toBe('Signatur2');
    expect(Buffer.from(second.pdf.subarray(0, first.pdf.length)).equals(Buffer.from(first.pdf))).toBe(true);

    const file = fx.write('mitzeichnung.pdf', second.pdf);
    const { report } = expectIndependentlyValid(file, 2);
    expect(report.map((s) => [s.commonName, s.totalDocumentSigned])).toEqual([
      ['Erika Mustermann', false],
      ['Jörg Beispiel', true],
    ]);
    expect(qpdfCheck(file).status).toBe(0);

    const { signatures } = await verify(second.pdf);
    expect(signatures.map((s) => s.status)).toEqual(['valid', 'valid']);
    expect(signatures[0]!.coverage).toMatchObject({ coversWholeFile: false, laterRevisions: 1, laterSignatures: 1, changedAfterSigning: false });
    expect(signatures[0]!.findings.map((f) => f.code)).toContain('sign.later_signatures');
  });
});

describe('changes after signing', () => {
  it('a single changed byte inside the signed range makes the signature invalid for the verifier and for pdfsig', async () => {
    const { pdf } = await signPdf(await makeTestPdf({ font: fx.font }), { signer: await fx.signer(fx.pki.signer), clock: fx.clock });
    const tampered = pdf.slice();
    // A byte inside the first content stream: the file stays readable, its content does not.
    const at = Buffer.from(pdf).indexOf('stream\n') + 20;
    tampered[at] = tampered[at]! ^ 0x01;
    const [sig] = (await verify(tampered)).signatures;
    expect(sig!.status).toBe('invalid');
    expect(sig!.findings.map((f) => f.code)).toContain('sign.digest_mismatch');
    const [theirs] = pdfsig(fx.write('tampered.pdf', tampered), fx.nssDir);
    expect(theirs!.signatureValidation).not.toBe('Signature is Valid.');
    expect(opensslCmsVerify(fx.dir, extractSignatures(tampered)[0]!, fx.pki.caCert).ok).toBe(false);
  });

  it('a later incremental update that changes the page is flagged; pdfsig sees a partly signed document', async () => {
    const input = await makeTestPdf({ font: fx.font, objectStreams: false });
    const { pdf } = await signPdf(input, { signer: await fx.signer(fx.pki.signer), clock: fx.clock });
    const text = Buffer.from(pdf).toString('latin1');
    // The page's newest version: the signature update added its widget to /Annots.
    const page = [...text.matchAll(/(\d+) 0 obj\n(<<\n\/Type \/Page\n[\s\S]*?>>)\nendobj/g)].at(-1)!;
    expect(page[2]).toMatch(/\/Annots \[/);
    const changed = appendRawUpdate(pdf, [{ num: Number(page[1]), body: page[2]!.replace(/\/MediaBox \[[^\]]*\]/, '/MediaBox [ 0 0 300 300 ]') }]);
    const [sig] = (await verify(changed)).signatures;
    expect(sig).toMatchObject({ status: 'indeterminate', coverage: { changedAfterSigning: true, laterRevisions: 1, laterSignatures: 0 } });
    expect(sig!.integrity).toEqual({ byteRangeValid: true, digestMatches: true, signatureValid: true });
    expect(sig!.findings.find((f) => f.code === 'sign.modified_after_signing')!.text).toMatch(/nach dieser Signatur verändert/);
    const [theirs] = pdfsig(fx.write('changed.pdf', changed), fx.nssDir);
    expect(theirs).toMatchObject({ signatureValidation: 'Signature is Valid.', totalDocumentSigned: false });

    // An added annotation that is no signature is a change too.
    const note = Number(/\/Size (\d+)/.exec(text.slice(text.lastIndexOf('trailer')))![1]);
    const annotated = appendRawUpdate(pdf, [
      { num: note, body: '<< /Type /Annot /Subtype /Text /Rect [ 10 10 30 30 ] /Contents (Bitte prüfen) >>' },
      { num: Number(page[1]), body: page[2]!.replace(/\/Annots \[([^\]]*)\]/, `/Annots [$1 ${note} 0 R]`) },
    ]);
    expect((await verify(annotated)).signatures[0]!.coverage.changedAfterSigning).toBe(true);

    // Bytes appended after the last %%EOF belong to no revision and are not signed.
    const appended = Buffer.concat([pdf, Buffer.from('\nunsigned trailing data\n')]);
    expect((await verify(appended)).signatures[0]).toMatchObject({ status: 'indeterminate', coverage: { changedAfterSigning: true } });
  });

  it('a byte range that does not reach the end of a revision is invalid', async () => {
    const { pdf } = await signPdf(await makeTestPdf({ font: fx.font }), { signer: await fx.signer(fx.pki.signer), clock: fx.clock });
    const text = Buffer.from(pdf).toString('latin1');
    const shortened = text.replace(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/, (all, a, b, c, d: string) => {
      const next = `/ByteRange [${a} ${b} ${c} ${Number(d) - 100}]`;
      return next.padEnd(all.length, ' ');
    });
    const bytes = new Uint8Array(Buffer.from(shortened, 'latin1'));
    const [sig] = (await verify(bytes)).signatures;
    expect(sig!.status).toBe('invalid');
    expect(sig!.integrity.byteRangeValid).toBe(false);
    expect(sig!.findings.map((f) => f.code)).toContain('sign.byte_range_invalid');
    expect(pdfsig(fx.write('short-range.pdf', bytes), fx.nssDir)[0]!.signatureValidation).not.toBe('Signature is Valid.');
  });
});

const isDict = (v: QpdfValue | undefined): v is Record<string, QpdfValue> => typeof v === 'object' && v !== null && !Array.isArray(v);

const trailerRoot = (objects: Map<string, QpdfValue>) => (objects.get('trailer') as Record<string, QpdfValue>)['/Root'];

/** Dark pixels inside the stamp's rectangle of a page rendered by pdftoppm (grey, 72 dpi). */
function darkPixels(file: string, page: number, rect: { x: number; y: number; width: number; height: number }): number {
  const r = spawnSync('pdftoppm', ['-gray', '-r', '72', '-f', String(page), '-l', String(page), file], { maxBuffer: 1 << 26 });
  const pgm = r.stdout as Buffer;
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = pgm.subarray(header[0].length);
  let dark = 0;
  for (let y = Math.floor(rect.y); y < rect.y + rect.height; y++)
    for (let x = Math.floor(rect.x); x < rect.x + rect.width; x++) if (data[(height - 1 - y) * width + x]! < 128) dark++;
  return dark;
}
