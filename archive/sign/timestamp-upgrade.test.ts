import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { fixedClock } from '../../core/platform/clock';
import { addPendingTimestamp, httpTimestampClient, signPdf, verifyPdf, type TimestampClient } from './index';
import { asn1parse, extractSignatures, opensslCmsVerify, opensslTsVerify, timestampParts } from './testing/openssl-checks';
import { pdfsig } from './testing/pdfsig';
import { createSignFixture, sha256Hex, type SignFixture } from './testing/sign-fixture';
import { makeTestPdf } from './testing/test-pdf';
import { startTestTsa, type TestTsa } from './testing/tsa-server';

let fx: SignFixture;
let tsa: TestTsa;
let online: TimestampClient;
/** Nothing listens on a port that was just closed: the TSA is "offline". */
let offline: TimestampClient;

beforeAll(async () => {
  fx = await createSignFixture();
  tsa = await startTestTsa(fx.dir, fx.pki.tsa, fx.pki.caCert);
  online = httpTimestampClient({ url: tsa.url, fetch });
  const gone = await startTestTsa(fx.dir, fx.pki.tsa, fx.pki.caCert);
  await gone.close();
  offline = httpTimestampClient({ url: gone.url, fetch });
});
afterAll(async () => {
  await tsa.close();
  fx.remove();
});

const verify = (pdf: Uint8Array) => verifyPdf(pdf, { trustAnchors: [readFileSync(fx.pki.caCert)], clock: fx.clock });

async function errorCode(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
  return 'no error';
}

/** The token in the signature verifies with `openssl ts -verify` over the signature value. */
function expectOpensslTimestamp(pdf: Uint8Array, index = 0) {
  const raw = extractSignatures(pdf)[index]!;
  expect(asn1parse(fx.dir, raw.cms)).toContain(':id-smime-aa-timeStampToken');
  const parts = timestampParts(fx.dir, raw.cms)!;
  expect(opensslTsVerify(fx.dir, parts.token, parts.signatureValue, fx.pki.caCert).ok).toBe(true);
  // And not over anything else: the check can fail.
  expect(opensslTsVerify(fx.dir, parts.token, Buffer.from('anderes'), fx.pki.caCert).ok).toBe(false);
  expect(opensslCmsVerify(fx.dir, raw, fx.pki.caCert).ok).toBe(true);
}

describe('PAdES B-T with a local RFC 3161 TSA (openssl ts -reply)', () => {
  it('adds a signature timestamp that openssl, pdfsig and the verifier accept', async () => {
    const requests = tsa.requests();
    const result = await signPdf(await makeTestPdf({ font: fx.font }), {
      signer: await fx.signer(fx.pki.signer),
      clock: fx.clock,
      timestamp: online,
    });
    expect(tsa.requests()).toBe(requests + 1);
    expect(result.level).toBe('B-T');
    expect(result.timestamp.state).toBe('added');
    expectOpensslTimestamp(result.pdf);
    const [theirs] = pdfsig(fx.write('b-t.pdf', result.pdf), fx.nssDir);
    expect(theirs).toMatchObject({ signatureValidation: 'Signature is Valid.', certificateValidation: 'Certificate is Trusted.' });

    const [ours] = (await verify(result.pdf)).signatures;
    expect(ours).toMatchObject({ status: 'valid', level: 'B-T', timestamp: { valid: true } });
    expect(ours!.timestamp!.authority!.commonName).toBe('Test-Zeitstempeldienst');
    expect(ours!.checkedAt).toEqual(ours!.timestamp!.time);
    expect(ours!.findings.map((f) => f.code)).not.toContain('sign.timestamp_missing');
  });

  it('offline: signs B-B with a pending marker, and the later upgrade makes it B-T without touching the signed bytes', async () => {
    const signed = await signPdf(await makeTestPdf({ font: fx.font }), {
      signer: await fx.signer(fx.pki.signer),
      clock: fx.clock,
      timestamp: offline,
    });
    expect(signed).toMatchObject({ level: 'B-B', timestamp: { state: 'pending', reason: 'sign.timestamp_unreachable' } });
    expect((await verify(signed.pdf)).signatures[0]).toMatchObject({ status: 'valid', level: 'B-B' });
    expect(await errorCode(() => addPendingTimestamp(signed.pdf, { timestamp: offline }))).toBe('sign.timestamp_unreachable');

    const before = sha256Hex(signed.pdf);
    const upgraded = await addPendingTimestamp(signed.pdf, { timestamp: online });
    expect(sha256Hex(signed.pdf)).toBe(before);
    expect(upgraded.fieldName).toBe('Signatur1');
    expect(upgraded.pdf.length).toBe(signed.pdf.length);
    const [old] = extractSignatures(signed.pdf);
    const [now] = extractSignatures(upgraded.pdf);
    expect(now!.byteRange).toEqual(old!.byteRange);
    expect(now!.signedContent.equals(old!.signedContent)).toBe(true);
    expectOpensslTimestamp(upgraded.pdf);
    expect(pdfsig(fx.write('upgraded.pdf', upgraded.pdf), fx.nssDir)[0]).toMatchObject({
      signatureValidation: 'Signature is Valid.',
      totalDocumentSigned: true,
    });
    expect((await verify(upgraded.pdf)).signatures[0]).toMatchObject({ status: 'valid', level: 'B-T' });
    expect(await errorCode(() => addPendingTimestamp(upgraded.pdf, { timestamp: online }))).toBe('sign.timestamp_not_pending');
  });

  it('refuses upgrades that would break a later signature, or that have no reserved room', async () => {
    const signer = await fx.signer(fx.pki.signer);
    const pending = await signPdf(await makeTestPdf({ font: fx.font }), { signer, clock: fx.clock, timestamp: offline });
    const cosigned = await signPdf(pending.pdf, { signer, clock: fx.clock, timestamp: online });
    expect(cosigned.level).toBe('B-T');
    expect(await errorCode(() => addPendingTimestamp(cosigned.pdf, { timestamp: online }))).toBe('sign.timestamp_upgrade_blocked');

    const plain = await signPdf(await makeTestPdf({ font: fx.font }), { signer, clock: fx.clock });
    expect(await errorCode(() => addPendingTimestamp(plain.pdf, { timestamp: online }))).toBe('sign.timestamp_no_room');
    const unsigned = await makeTestPdf({ font: fx.font });
    expect(await errorCode(() => addPendingTimestamp(unsigned, { timestamp: online }))).toBe(
      'sign.timestamp_not_pending',
    );
  });

  it('treats TSA failures as pending: server error, garbage, a replayed answer for another request', async () => {
    const input = await makeTestPdf({ font: fx.font });
    const signer = await fx.signer(fx.pki.signer);
    const answering = (status: number, body: Uint8Array) =>
      httpTimestampClient({ url: tsa.url, fetch: async () => new Response(new Uint8Array(body), { status }) });
    let captured: Uint8Array<ArrayBuffer> | null = null;
    const recording = httpTimestampClient({
      url: tsa.url,
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        captured = new Uint8Array(await response.arrayBuffer());
        return new Response(captured, { status: response.status });
      },
    });
    await recording.stamp(new TextEncoder().encode('eine frühere Anfrage'));

    for (const [client, reason] of [
      [answering(503, new Uint8Array()), 'sign.timestamp_unreachable'],
      [answering(200, new TextEncoder().encode('kein Zeitstempel')), 'sign.timestamp_rejected'],
      [answering(200, captured!), 'sign.timestamp_rejected'],
    ] as const) {
      const result = await signPdf(input, { signer, clock: fx.clock, timestamp: client });
      expect(result).toMatchObject({ level: 'B-B', timestamp: { state: 'pending', reason } });
      expect(pdfsig(fx.write('pending.pdf', result.pdf), fx.nssDir)[0]!.signatureValidation).toBe('Signature is Valid.');
    }
  });

  it('makes room when a TSA token is larger than the reserve (signing twice)', async () => {
    let calls = 0;
    // A syntactically valid but oversized "token": the verifier must call it invalid, pdfsig ignores it.
    const huge = new Uint8Array(Buffer.concat([Buffer.from([0x30, 0x82, 0x4e, 0x24, 0x04, 0x82, 0x4e, 0x20]), Buffer.alloc(20_000, 7)]));
    const oversized: TimestampClient = {
      stamp: async () => {
        calls++;
        return { ok: true, token: huge, time: fx.clock.now() };
      },
    };
    const result = await signPdf(await makeTestPdf({ font: fx.font }), { signer: await fx.signer(fx.pki.signer), clock: fx.clock, timestamp: oversized });
    expect(calls).toBe(2);
    expect(pdfsig(fx.write('oversized.pdf', result.pdf), fx.nssDir)[0]!.signatureValidation).toBe('Signature is Valid.');
    expect(opensslCmsVerify(fx.dir, extractSignatures(result.pdf)[0]!, fx.pki.caCert).ok).toBe(true);
    const [sig] = (await verify(result.pdf)).signatures;
    expect(sig).toMatchObject({ status: 'indeterminate', level: 'B-B', timestamp: { valid: false } });
    expect(sig!.findings.map((f) => f.code)).toContain('sign.timestamp_invalid');
  });

  it('checks the certificate at the timestamp time, not at a backdated claimed time', async () => {
    // The expired certificate was valid at the claimed time, but the timestamp proves a later signature.
    const backdated = fixedClock('2020-06-01T10:00:00Z');
    const input = await makeTestPdf({ font: fx.font });
    const withoutProof = await signPdf(input, { signer: await fx.signer(fx.pki.expiredSigner), clock: backdated });
    expect((await verify(withoutProof.pdf)).signatures[0]).toMatchObject({ status: 'valid', level: 'B-B' });

    const withProof = await signPdf(input, { signer: await fx.signer(fx.pki.expiredSigner), clock: backdated, timestamp: online });
    const [sig] = (await verify(withProof.pdf)).signatures;
    expect(sig).toMatchObject({ status: 'invalid', level: 'B-T' });
    expect(sig!.findings.map((f) => f.code)).toContain('sign.certificate_expired');
    expect(sig!.findings.find((f) => f.code === 'sign.certificate_expired')!.text).toMatch(/gültig bis 01\.01\.2021/);
  });
});
