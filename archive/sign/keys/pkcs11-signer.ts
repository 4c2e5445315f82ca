import { createHash } from 'node:crypto';
import pkcs11js, { type Handle, type Template } from 'pkcs11js';
import { AppError } from '../../../contract/app-error';
import { orderChain } from '../pki/chain-order';
import { parseCertificate, readCertificates } from '../pki/certificates';
import { keyAlgorithmOf } from '../pki/key-algorithm';
import type { ClosableSigner } from '../signer';
import { ecdsaRawToDer } from './ecdsa-der';

export interface Pkcs11SignerOptions {
  /** The token's PKCS#11 library, e.g. the card vendor's DLL or SoftHSM's libsofthsm2.so. */
  readonly modulePath: string;
  /** The token (card) label; picks the slot. */
  readonly tokenLabel: string;
  readonly pin: string;
  /** Picks the key by CKA_LABEL; without it, the first private key with a matching certificate. */
  readonly keyLabel?: string;
  /** Issuer certificates (PEM or DER) for when the token holds only the signer's own. */
  readonly extraCertificates?: readonly Uint8Array[];
}

const MAX_SIGNATURE_BYTES = 1024;

/**
 * A signer on a smart card or HSM through PKCS#11: the key never leaves the token; the token hashes
 * (RSA) or signs our SHA-256 digest (ECDSA). Only one signer per module should be open at a time,
 * since a PKCS#11 library is initialised once per process.
 */
export function openPkcs11Signer(options: Pkcs11SignerOptions): ClosableSigner {
  const p11 = new pkcs11js.PKCS11();
  try {
    p11.load(options.modulePath);
  } catch (err) {
    throw new AppError('sign.token_module_failed', {}, 'PKCS#11 module could not be loaded', { cause: err });
  }
  let initialized = false;
  let session: Handle | null = null;
  const close = () => {
    if (session) {
      tryCall(() => p11.C_Logout(session!));
      tryCall(() => p11.C_CloseSession(session!));
      session = null;
    }
    if (initialized) tryCall(() => p11.C_Finalize());
    initialized = false;
    tryCall(() => p11.close());
  };
  try {
    try {
      p11.C_Initialize();
      initialized = true;
    } catch (err) {
      if (!isPkcs11Error(err, pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED)) throw err;
    }
    const slot = p11
      .C_GetSlotList(true)
      .find((s) => p11.C_GetTokenInfo(s).label.trim() === options.tokenLabel);
    if (!slot) throw new AppError('sign.token_not_found', { token: options.tokenLabel }, 'no PKCS#11 token with this label');
    session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    login(p11, session, options.pin);
    const open = session;

    const keys = findObjects(p11, open, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      ...(options.keyLabel ? [{ type: pkcs11js.CKA_LABEL, value: options.keyLabel }] : []),
    ]);
    const certificates = findObjects(p11, open, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]).map(
      (handle) => ({
        id: attribute(p11, open, handle, pkcs11js.CKA_ID),
        cert: parseCertificate(new Uint8Array(attribute(p11, open, handle, pkcs11js.CKA_VALUE))),
      }),
    );
    for (const key of keys) {
      const id = attribute(p11, open, key, pkcs11js.CKA_ID);
      const leaf = certificates.find((c) => c.id.equals(id))?.cert;
      if (!leaf) continue;
      const extra = (options.extraCertificates ?? []).flatMap(readCertificates).map(parseCertificate);
      const chain = orderChain(leaf, [...certificates.map((c) => c.cert), ...extra]).map((c) => c.der);
      const algorithm = keyAlgorithmOf(leaf.pkijs);
      let queue: Promise<unknown> = Promise.resolve();
      const signOnToken = (data: Uint8Array): Promise<Uint8Array> => {
        // One operation per session at a time: C_SignInit and C_Sign must not interleave.
        const run = queue.then(() => signWith(p11, open, key, algorithm, data));
        queue = run.catch(() => undefined);
        return run;
      };
      return { certificateChain: chain, sign: signOnToken, close };
    }
    throw new AppError('sign.key_not_found', {}, `token has ${keys.length} keys, none with a certificate of the same CKA_ID`);
  } catch (err) {
    close();
    if (err instanceof AppError) throw err;
    throw new AppError('sign.token_module_failed', {}, `PKCS#11 call failed: ${(err as Error).message}`, { cause: err });
  }
}

function login(p11: pkcs11js.PKCS11, session: Handle, pin: string): void {
  try {
    p11.C_Login(session, pkcs11js.CKU_USER, pin);
  } catch (err) {
    if (isPkcs11Error(err, pkcs11js.CKR_USER_ALREADY_LOGGED_IN)) return;
    if (isPkcs11Error(err, pkcs11js.CKR_PIN_INCORRECT) || isPkcs11Error(err, pkcs11js.CKR_PIN_LEN_RANGE))
      throw new AppError('sign.wrong_pin', {}, 'PKCS#11 login: wrong PIN', { cause: err });
    if (isPkcs11Error(err, pkcs11js.CKR_PIN_LOCKED))
      throw new AppError('sign.pin_locked', {}, 'PKCS#11 login: PIN locked', { cause: err });
    throw err;
  }
}

function signWith(
  p11: pkcs11js.PKCS11,
  session: Handle,
  key: Handle,
  algorithm: 'rsa' | 'ecdsa',
  data: Uint8Array,
): Promise<Uint8Array> {
  const mechanism = algorithm === 'rsa' ? pkcs11js.CKM_SHA256_RSA_PKCS : pkcs11js.CKM_ECDSA;
  const input = algorithm === 'rsa' ? Buffer.from(data) : createHash('sha256').update(data).digest();
  p11.C_SignInit(session, { mechanism }, key);
  return new Promise((resolve, reject) => {
    p11.C_Sign(session, input, Buffer.alloc(MAX_SIGNATURE_BYTES), (err, signature) => {
      if (err) reject(new AppError('sign.token_module_failed', {}, `PKCS#11 C_Sign failed: ${err.message}`, { cause: err }));
      else resolve(algorithm === 'rsa' ? new Uint8Array(signature) : ecdsaRawToDer(signature));
    });
  });
}

function findObjects(p11: pkcs11js.PKCS11, session: Handle, template: Template): Handle[] {
  p11.C_FindObjectsInit(session, template);
  try {
    return p11.C_FindObjects(session, 64);
  } finally {
    p11.C_FindObjectsFinal(session);
  }
}

function attribute(p11: pkcs11js.PKCS11, session: Handle, handle: Handle, type: number): Buffer {
  const [attr] = p11.C_GetAttributeValue(session, handle, [{ type }]);
  return Buffer.isBuffer(attr?.value) ? attr.value : Buffer.alloc(0);
}

const isPkcs11Error = (err: unknown, code: number) =>
  err instanceof pkcs11js.Pkcs11Error && err.code === code;

function tryCall(fn: () => void): void {
  try {
    fn();
  } catch {
    // Cleanup of a token session that is already gone.
  }
}
