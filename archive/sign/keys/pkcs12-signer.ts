import { createPrivateKey, createPublicKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { Buffer } from 'node:buffer';
import type {
  AuthenticatedSafe} from 'pkijs';
import {
  CertBag,
  Certificate,
  EncryptedContentInfo,
  EncryptedData,
  PFX,
  PKCS8ShroudedKeyBag,
  PrivateKeyInfo,
  type SafeBag,
  type SafeContents,
} from 'pkijs';
import { AppError, isAppError } from '../../../contract/app-error';
import { orderChain } from '../pki/chain-order';
import { parseCertificate, type ParsedCertificate } from '../pki/certificates';
import { pkiEngine, toArrayBuffer } from '../pki/engine';
import { keyAlgorithmOf } from '../pki/key-algorithm';
import type { Signer } from '../signer';

const PBES2 = '1.2.840.113549.1.5.13';
/** Names of the PKCS#12 legacy schemes, for a message that tells the user what to change. */
const LEGACY_PBE: Record<string, string> = {
  '1.2.840.113549.1.12.1.1': 'RC4-128',
  '1.2.840.113549.1.12.1.2': 'RC4-40',
  '1.2.840.113549.1.12.1.3': '3DES',
  '1.2.840.113549.1.12.1.4': '2-Key-3DES',
  '1.2.840.113549.1.12.1.5': 'RC2-128',
  '1.2.840.113549.1.12.1.6': 'RC2-40',
};

/**
 * A signer from a PKCS#12 file (.p12/.pfx) protected with PBES2 (AES), the default of OpenSSL 3 and of
 * current Windows exports with "AES256-SHA256". The private key stays inside the returned signer.
 */
export async function openPkcs12Signer(p12: Uint8Array, password: string): Promise<Signer> {
  const pw = toArrayBuffer(new TextEncoder().encode(password));
  const pfx = parsePfx(p12);
  try {
    await pfx.parseInternalValues({ password: pw, checkIntegrity: pfx.macData !== undefined }, pkiEngine);
  } catch (err) {
    if (/integrity/i.test(String(err)))
      throw new AppError('sign.wrong_password', {}, 'PKCS#12 MAC check failed', { cause: err });
    throw new AppError('sign.key_file_invalid', {}, 'PKCS#12 authenticated safe unreadable', { cause: err });
  }
  const authSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authSafe) throw new AppError('sign.key_file_invalid', {}, 'PKCS#12 without authenticated safe');

  const bags = await openBags(authSafe, pw);
  const keys: KeyObject[] = [];
  const certs: ParsedCertificate[] = [];
  for (const bag of bags) {
    if (bag.bagValue instanceof PKCS8ShroudedKeyBag) {
      keys.push(privateKeyFrom(await decryptKeyBag(bag.bagValue, pw)));
    } else if (bag.bagValue instanceof PrivateKeyInfo) {
      keys.push(privateKeyFrom(bag.bagValue));
    } else if (bag.bagValue instanceof CertBag && bag.bagValue.parsedValue instanceof Certificate) {
      certs.push(parseCertificate(new Uint8Array(bag.bagValue.parsedValue.toSchema().toBER())));
    }
  }

  for (const key of keys) {
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
    const leaf = certs.find((c) =>
      Buffer.from(c.pkijs.subjectPublicKeyInfo.toSchema().toBER()).equals(spki),
    );
    if (!leaf) continue;
    keyAlgorithmOf(leaf.pkijs);
    const chain = orderChain(leaf, certs).map((c) => c.der);
    return {
      certificateChain: chain,
      sign: async (data) => new Uint8Array(cryptoSign('sha256', data, key)),
    };
  }
  throw new AppError('sign.key_not_found', {}, `PKCS#12 has ${keys.length} keys, ${certs.length} certificates, none matching`);
}

function parsePfx(p12: Uint8Array): PFX {
  try {
    return PFX.fromBER(toArrayBuffer(p12));
  } catch (err) {
    throw new AppError('sign.key_file_invalid', {}, 'not a PKCS#12 structure', { cause: err });
  }
}

async function openBags(authSafe: AuthenticatedSafe, pw: ArrayBuffer): Promise<SafeBag[]> {
  for (const content of authSafe.safeContents)
    if (content.contentType === '1.2.840.113549.1.7.6')
      // Parsed from a copy: pkijs's schema comparison marks the blocks it has seen.
      assertPbes2(EncryptedData.fromBER(content.content.toBER()).encryptedContentInfo.contentEncryptionAlgorithm.algorithmId);
  await decrypting(() =>
    authSafe.parseInternalValues({ safeContents: authSafe.safeContents.map(() => ({ password: pw })) }, pkiEngine),
  );
  const contents: SafeContents[] = (authSafe.parsedValue?.safeContents ?? []).map((c: { value: SafeContents }) => c.value);
  return contents.flatMap((c) => c.safeBags);
}

async function decryptKeyBag(bag: PKCS8ShroudedKeyBag, pw: ArrayBuffer): Promise<PrivateKeyInfo> {
  assertPbes2(bag.encryptionAlgorithm.algorithmId);
  const encrypted = new EncryptedData({
    encryptedContentInfo: new EncryptedContentInfo({
      contentEncryptionAlgorithm: bag.encryptionAlgorithm,
      encryptedContent: bag.encryptedData,
    }),
  });
  let plain: ArrayBuffer | undefined;
  await decrypting(async () => {
    plain = await encrypted.decrypt({ password: pw }, pkiEngine);
  });
  return PrivateKeyInfo.fromBER(plain!);
}

function assertPbes2(oid: string): void {
  if (oid !== PBES2)
    throw new AppError('sign.key_file_unsupported', { algorithm: LEGACY_PBE[oid] ?? oid }, `PKCS#12 uses ${oid}, only PBES2 is supported`);
}

/** A PBES2 decryption that fails after a passed MAC check (or without a MAC) means a wrong password. */
async function decrypting(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('sign.wrong_password', {}, 'PKCS#12 decryption failed', { cause: err });
  }
}

function privateKeyFrom(info: PrivateKeyInfo): KeyObject {
  return createPrivateKey({ key: Buffer.from(info.toSchema().toBER()), format: 'der', type: 'pkcs8' });
}
