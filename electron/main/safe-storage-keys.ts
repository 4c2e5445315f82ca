import type { SafeStorage } from 'electron';
import { AppError } from '../../contract/app-error';
import type { KeyProvider } from '../../core/platform/key-provider';

/**
 * The data folder key wrapped by Electron safeStorage: DPAPI for the logged-in Windows user, the
 * Keychain on macOS, libsecret/kwallet on Linux. Linux without a keyring falls back to a fixed
 * password ('basic_text'), which protects nothing, so that backend is refused instead of pretending.
 */
export function safeStorageKeys(safeStorage: SafeStorage, platform: NodeJS.Platform = process.platform): KeyProvider {
  const check = () => {
    const weak = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
    if (!safeStorage.isEncryptionAvailable() || weak) {
      throw new AppError('keys.os_store_unavailable', {}, `safeStorage unusable (${platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'unavailable'})`);
    }
  };
  return {
    kind: 'safeStorage',
    async wrap(key) {
      check();
      return safeStorage.encryptString(key.toString('base64'));
    },
    async unwrap(wrapped) {
      check();
      try {
        return Buffer.from(safeStorage.decryptString(wrapped), 'base64');
      } catch (err) {
        // Another Windows account (or a copied profile) cannot decrypt the DPAPI blob.
        throw new AppError('keys.unavailable', {}, 'safeStorage could not unwrap the blob key', { cause: err });
      }
    },
  };
}
