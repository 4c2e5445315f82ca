import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../contract/app-error';
import { tempDir } from '../../../test/helpers/temp-dir';
import { createTestPki, type TestPki } from '../testing/test-pki';
import { openPkcs12Signer } from './pkcs12-signer';

let dir: ReturnType<typeof tempDir>;
let pki: TestPki;
beforeAll(() => {
  dir = tempDir('eakte-p12-');
  pki = createTestPki(dir.path);
});
afterAll(() => dir.remove());

async function errorCode(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
  return 'no error';
}

/** `openssl dgst -sha256 -verify` with the certificate's public key. */
function opensslVerifies(cert: string, data: Uint8Array, signature: Uint8Array): boolean {
  const pub = join(dir.path, 'pub.pem');
  writeFileSync(pub, spawnSync('openssl', ['x509', '-in', cert, '-pubkey', '-noout']).stdout);
  writeFileSync(join(dir.path, 'data.bin'), data);
  writeFileSync(join(dir.path, 'sig.bin'), signature);
  return spawnSync('openssl', ['dgst', '-sha256', '-verify', pub, '-signature', join(dir.path, 'sig.bin'), join(dir.path, 'data.bin')]).status === 0;
}

describe('openPkcs12Signer', () => {
  it('opens an OpenSSL 3 PKCS#12 (PBES2/AES) and signs so that openssl verifies with the certificate', async () => {
    const data = new TextEncoder().encode('Zu signierende Attribute');
    for (const identity of [pki.signer, pki.ecSigner]) {
      const signer = await openPkcs12Signer(identity.p12('Geheim!äö'), 'Geheim!äö');
      expect(Buffer.from(signer.certificateChain[0]!).equals(Buffer.from(identity.certDer))).toBe(true);
      expect(Buffer.from(signer.certificateChain[1]!).equals(Buffer.from(pki.caDer))).toBe(true);
      const signature = await signer.sign(data);
      expect(opensslVerifies(identity.cert, data, signature)).toBe(true);
      expect(opensslVerifies(identity.cert, new TextEncoder().encode('anderes'), signature)).toBe(false);
    }
  });

  it('says which problem the key file has: wrong password, legacy encryption, no PKCS#12', async () => {
    const p12 = pki.signer.p12('richtig');
    expect(await errorCode(() => openPkcs12Signer(p12, 'falsch'))).toBe('sign.wrong_password');
    expect(await errorCode(() => openPkcs12Signer(pki.signer.p12('richtig', true), 'richtig'))).toBe('sign.key_file_unsupported');
    expect(await errorCode(() => openPkcs12Signer(new TextEncoder().encode('kein Schlüssel'), 'x'))).toBe('sign.key_file_invalid');
    expect(await errorCode(() => openPkcs12Signer(p12.subarray(0, p12.length - 40), 'richtig'))).toMatch(/^sign\.(key_file_invalid|wrong_password)$/);
  });
});
