import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../contract/app-error';
import { signPdf, verifyPdf } from '../index';
import { extractSignatures, opensslCmsVerify } from '../testing/openssl-checks';
import { pdfsig } from '../testing/pdfsig';
import { createSignFixture, type SignFixture } from '../testing/sign-fixture';
import { createSoftHsmToken, type SoftHsmToken } from '../testing/softhsm';
import { makeTestPdf } from '../testing/test-pdf';
import { openPkcs11Signer } from './pkcs11-signer';

let fx: SignFixture;
let token: SoftHsmToken;
const PIN = '246810';

beforeAll(async () => {
  fx = await createSignFixture();
  token = createSoftHsmToken(fx.dir, {
    label: 'Dienstkarte',
    pin: PIN,
    keys: [
      { identity: fx.pki.signer, label: 'signatur-rsa' },
      { identity: fx.pki.ecSigner, label: 'signatur-ec' },
      { identity: fx.pki.noKeyUsageSigner, label: 'ohne-zertifikat', withCertificate: false },
    ],
    caCert: fx.pki.caCert,
  });
  // SoftHSM reads its configuration when the module is initialised.
  process.env.SOFTHSM2_CONF = token.config;
});
afterAll(() => fx.remove());

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
  return 'no error';
}

describe('openPkcs11Signer (SoftHSM2)', () => {
  it('signs PDFs with RSA and EC keys on the token; pdfsig and openssl accept them', async () => {
    for (const [keyLabel, commonName] of [
      ['signatur-rsa', 'Erika Mustermann'],
      ['signatur-ec', 'Jörg Beispiel'],
    ] as const) {
      const signer = openPkcs11Signer({ modulePath: token.modulePath, tokenLabel: 'Dienstkarte', pin: PIN, keyLabel });
      try {
        // The chain comes from the token: its own certificate and the CA stored beside it.
        expect(signer.certificateChain).toHaveLength(2);
        const { pdf } = await signPdf(await makeTestPdf({ font: fx.font }), { signer, clock: fx.clock });
        const [theirs] = pdfsig(fx.write(`p11-${keyLabel}.pdf`, pdf), fx.nssDir);
        expect(theirs).toMatchObject({ commonName, signatureValidation: 'Signature is Valid.', certificateValidation: 'Certificate is Trusted.' });
        expect(opensslCmsVerify(fx.dir, extractSignatures(pdf)[0]!, fx.pki.caCert).ok).toBe(true);
        const [ours] = (await verifyPdf(pdf, { trustAnchors: [readFileSync(fx.pki.caCert)], clock: fx.clock })).signatures;
        expect(ours!.status).toBe('valid');
      } finally {
        signer.close();
      }
    }
  });

  it('maps token problems to clear errors', () => {
    const open = (over: Partial<Parameters<typeof openPkcs11Signer>[0]>) => () =>
      openPkcs11Signer({ modulePath: token.modulePath, tokenLabel: 'Dienstkarte', pin: PIN, ...over }).close();
    expect(errorCode(open({ pin: '999999' }))).toBe('sign.wrong_pin');
    expect(errorCode(open({ tokenLabel: 'Andere Karte' }))).toBe('sign.token_not_found');
    expect(errorCode(open({ modulePath: '/usr/lib/gibt-es-nicht/libpkcs11.so' }))).toBe('sign.token_module_failed');
    expect(errorCode(open({ keyLabel: 'ohne-zertifikat' }))).toBe('sign.key_not_found');
    expect(errorCode(open({ keyLabel: 'signatur-rsa' }))).toBe('no error');
  });
});
