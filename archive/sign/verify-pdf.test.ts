import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { germanMessage } from '../../contract/errors';
import { signPdf, verifyPdf } from './index';
import { pdfsig } from './testing/pdfsig';
import { createSignFixture, type SignFixture } from './testing/sign-fixture';
import { makeTestPdf } from './testing/test-pdf';

let fx: SignFixture;
let signedByCity: Uint8Array;
let signedByForeign: Uint8Array;
beforeAll(async () => {
  fx = await createSignFixture();
  const input = await makeTestPdf({ font: fx.font });
  signedByCity = (await signPdf(input, { signer: await fx.signer(fx.pki.signer), clock: fx.clock })).pdf;
  signedByForeign = (await signPdf(input, { signer: await fx.signer(fx.pki.foreignSigner), clock: fx.clock })).pdf;
});
afterAll(() => fx.remove());

const verifyWith = (pdf: Uint8Array, trustAnchors: Uint8Array[]) => verifyPdf(pdf, { trustAnchors, clock: fx.clock });

describe('verifyPdf: trust store', () => {
  it('trusts a signer whose CA is in the store, as PEM bundle or DER, and agrees with pdfsig about foreign signers', async () => {
    const caPem = readFileSync(fx.pki.caCert);
    const foreignPem = readFileSync(fx.pki.foreignCaCert);
    const bundle = new Uint8Array(Buffer.concat([foreignPem, caPem]));
    for (const anchors of [[bundle], [fx.pki.caDer], [new Uint8Array(foreignPem), fx.pki.caDer]]) {
      const [sig] = (await verifyWith(signedByCity, anchors)).signatures;
      expect(sig).toMatchObject({ status: 'valid', certificateTrusted: true });
    }
    const [foreign] = (await verifyWith(signedByForeign, [new Uint8Array(caPem)])).signatures;
    expect(foreign).toMatchObject({ status: 'indeterminate', certificateTrusted: false });
    expect(foreign!.integrity).toEqual({ byteRangeValid: true, digestMatches: true, signatureValid: true });
    expect(foreign!.findings.map((f) => [f.code, f.severity])).toContainEqual(['sign.certificate_untrusted', 'warning']);
    const [theirs] = pdfsig(fx.write('foreign.pdf', signedByForeign), fx.nssDir);
    expect(theirs!.signatureValidation).toBe('Signature is Valid.');
    expect(theirs!.certificateValidation).not.toBe('Certificate is Trusted.');

    const [none] = (await verifyWith(signedByCity, [])).signatures;
    expect(none).toMatchObject({ status: 'indeterminate', certificateTrusted: false });
  });

  it('reports the signer, the claimed time and German reasons', async () => {
    const [sig] = (await verifyWith(signedByCity, [fx.pki.caDer])).signatures;
    expect(sig!.signer).toMatchObject({ commonName: 'Erika Mustermann', keyUsage: ['digitalSignature', 'nonRepudiation'] });
    expect(sig!.claimedSigningTime!.getTime()).toBe(Math.floor(fx.clock.now().getTime() / 1000) * 1000);
    for (const f of sig!.findings) expect(f.text).toBe(germanMessage(f.code, f.params));
    expect(sig!.findings.map((f) => f.code)).toEqual(['sign.timestamp_missing', 'sign.revocation_not_checked']);
  });

  it('returns no signatures for an unsigned PDF and refuses what is no PDF or too large', async () => {
    const input = await makeTestPdf({ font: fx.font });
    expect((await verifyWith(input, [fx.pki.caDer])).signatures).toEqual([]);
    const code = async (run: () => Promise<unknown>) => {
      try {
        await run();
        return 'no error';
      } catch (err) {
        return isAppError(err) ? err.code : 'bug';
      }
    };
    expect(await code(() => verifyWith(new TextEncoder().encode('kein PDF'), []))).toBe('sign.not_a_pdf');
    expect(await code(() => verifyPdf(signedByCity, { trustAnchors: [], clock: fx.clock, maxBytes: 1000 }))).toBe('sign.pdf_too_large');
    expect(await code(() => verifyWith(signedByCity, [new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')]))).toBe(
      'sign.trust_store_invalid',
    );
  });
});
