/** Shared set-up of the signing tests: a temp folder, the openssl-made PKI, the stamp font, NSS trust. */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../../../core/platform/clock';
import { tempDir } from '../../../test/helpers/temp-dir';
import { openPkcs12Signer } from '../keys/pkcs12-signer';
import type { Signer } from '../signer';
import { loadDefaultStampFont } from '../stamp-font';
import { createNssDb } from './pdfsig';
import { createTestPki, type TestIdentity, type TestPki } from './test-pki';

export interface SignFixture {
  readonly dir: string;
  readonly pki: TestPki;
  readonly font: Uint8Array;
  /** `pdfsig -nssdir` value with the test CA trusted. */
  readonly nssDir: string;
  /** The real time: test certificates are valid around it, and pdfsig checks against it. */
  readonly clock: ReturnType<typeof fixedClock>;
  signer(identity: TestIdentity): Promise<Signer>;
  /** Writes bytes to a new file in the temp folder and returns its path. */
  write(name: string, bytes: Uint8Array): string;
  remove(): void;
}

export async function createSignFixture(): Promise<SignFixture> {
  const tmp = tempDir('eakte-sign-');
  const pki = createTestPki(tmp.path);
  return {
    dir: tmp.path,
    pki,
    font: await loadDefaultStampFont(),
    nssDir: createNssDb(tmp.path, pki.caCert),
    clock: fixedClock(new Date().toISOString()),
    signer: (identity) => openPkcs12Signer(identity.p12('Geheim!'), 'Geheim!'),
    write(name, bytes) {
      const file = join(tmp.path, name);
      writeFileSync(file, bytes);
      return file;
    },
    remove: tmp.remove,
  };
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
