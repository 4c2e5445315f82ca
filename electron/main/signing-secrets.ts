import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SafeStorage } from 'electron';
import type { Dispatch } from '../../core/api/dispatch';

/**
 * Passwords of PKCS#12 key files, encrypted by Electron safeStorage (DPAPI for the Windows account,
 * Keychain, libsecret) and kept in the main process only; the core and the renderer never store them.
 * Keyed by the SHA-256 of the key file. Without a usable OS key store nothing is kept and the password
 * is asked every time. PINs of signature cards are never kept: the card wants them per signing.
 */
export interface SigningSecretStore {
  readonly available: boolean;
  recall(keyId: string): string | null;
  remember(keyId: string, password: string): void;
}

export function safeStorageSigningSecrets(safeStorage: SafeStorage, file: string, platform: NodeJS.Platform = process.platform): SigningSecretStore {
  // Linux without a keyring falls back to a fixed key ('basic_text'), which protects nothing.
  const available = safeStorage.isEncryptionAvailable() && !(platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
  const read = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  return {
    available,
    recall(keyId) {
      const sealed = available ? read()[keyId] : undefined;
      if (!sealed) return null;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return null; // another OS account's entry: ask again
      }
    },
    remember(keyId, password) {
      if (!available) return;
      const all = { ...read(), [keyId]: safeStorage.encryptString(password).toString('base64') };
      writeFileSync(`${file}.tmp`, JSON.stringify(all), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    },
  };
}

interface SignInput {
  key?: { kind?: unknown; fileBase64?: unknown; password?: unknown };
  rememberPassword?: unknown;
}

/**
 * Wraps the core's dispatch for the IPC bridge: an empty PKCS#12 password is filled from the store,
 * and a password that signed successfully is kept when the clerk asked for it.
 */
export function withSigningSecrets(dispatch: Dispatch, secrets: SigningSecretStore): Dispatch {
  return (async (meta, method, input) => {
    if (method === 'signatures.secretStorage') return { ok: true, value: { available: secrets.available } };
    const sign = method === 'signatures.sign' ? (input as SignInput | null) : null;
    const key = sign?.key;
    if (!key || key.kind !== 'pkcs12' || typeof key.fileBase64 !== 'string' || typeof key.password !== 'string') return dispatch(meta, method, input);
    const keyId = createHash('sha256').update(Buffer.from(key.fileBase64, 'base64')).digest('hex');
    const password = key.password || (secrets.recall(keyId) ?? '');
    const result = await dispatch(meta, method, { ...sign, key: { ...key, password } });
    if (result.ok && sign.rememberPassword === true && key.password) secrets.remember(keyId, key.password);
    return result;
  }) as Dispatch;
}
