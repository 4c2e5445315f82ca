import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorage } from 'electron';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { safeStorageKeys } from './safe-storage-keys';

/** Stands in for DPAPI: a secret only "this OS account" (this fake instance) holds. */
function fakeSafeStorage(backend: ReturnType<SafeStorage['getSelectedStorageBackend']> = 'gnome_libsecret', available = true) {
  const accountSecret = randomBytes(32);
  // GCM, so a foreign account always fails (CBC padding would accept 1 in 256 wrong keys).
  const iv = Buffer.alloc(12);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text: string) => {
      const c = createCipheriv('aes-256-gcm', accountSecret, iv);
      return Buffer.concat([c.update(text, 'utf8'), c.final(), c.getAuthTag()]);
    },
    decryptString: (data: Buffer) => {
      const d = createDecipheriv('aes-256-gcm', accountSecret, iv);
      d.setAuthTag(data.subarray(-16));
      return Buffer.concat([d.update(data.subarray(0, -16)), d.final()]).toString('utf8');
    },
  } as unknown as SafeStorage;
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isAppError(e) ? e.code : String(e)),
  );

describe('safeStorage key provider', () => {
  it('wraps the data key so that only the same OS account unwraps it', async () => {
    const mine = safeStorageKeys(fakeSafeStorage(), 'win32');
    const key = randomBytes(32);
    const wrapped = await mine.wrap(key);
    expect(wrapped.includes(key)).toBe(false);
    expect(wrapped.includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect((await mine.unwrap(wrapped)).equals(key)).toBe(true);
    const otherAccount = safeStorageKeys(fakeSafeStorage(), 'win32');
    expect(await codeOf(otherAccount.unwrap(wrapped))).toBe('keys.unavailable');
  });

  it('refuses a missing OS key store and the Linux plain-text fallback', async () => {
    expect(await codeOf(safeStorageKeys(fakeSafeStorage('basic_text'), 'linux').wrap(randomBytes(32)))).toBe('keys.os_store_unavailable');
    expect(await codeOf(safeStorageKeys(fakeSafeStorage('unknown', false), 'win32').wrap(randomBytes(32)))).toBe('keys.os_store_unavailable');
  });
});
