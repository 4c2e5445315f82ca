import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../contract/app-error';

/**
 * Protects the data folder's key with something the operating system holds for the logged-in user.
 * `wrap` turns the key into bytes safe to keep beside the data; only `unwrap` on the same provider (and,
 * for DPAPI/Keychain/libsecret, the same OS account) gets it back. `kind` is written next to the wrapped
 * key so a data folder opened by the wrong front end fails with a clear message instead of garbage.
 */
export interface KeyProvider {
  readonly kind: string;
  wrap(key: Buffer): Promise<Buffer>;
  unwrap(wrapped: Buffer): Promise<Buffer>;
}

const KEY_ID = /^[0-9a-f]{32}$/;

/**
 * Browser mode and the CLI have no Electron safeStorage: the key lives in its own file (0600) in the
 * user's configuration folder, outside the data folder, so a copied data folder or backup of it does not
 * carry its key. It protects against the data folder leaving the machine, not against the same OS user.
 */
export function keyFileProvider(keyDir: string): KeyProvider {
  return {
    kind: 'keyfile',
    async wrap(key) {
      const id = randomBytes(16).toString('hex');
      await mkdir(keyDir, { recursive: true, mode: 0o700 });
      const file = join(keyDir, `${id}.key`);
      await writeFile(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
      await chmod(file, 0o600); // the umask may have widened it
      return Buffer.from(id);
    },
    async unwrap(wrapped) {
      const id = wrapped.toString();
      if (!KEY_ID.test(id)) throw new AppError('keys.envelope_invalid', {}, 'key file id malformed');
      const text = await readFile(join(keyDir, `${id}.key`), 'utf8').catch((err: unknown) => {
        throw new AppError('keys.unavailable', {}, `key file ${id} not readable`, { cause: err });
      });
      return Buffer.from(text.trim(), 'base64');
    },
  };
}

/** Per-user key folder of the key-file provider (never inside a data folder). */
export function defaultKeyDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'eAkte Desk', 'keys');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'eakte-desk', 'keys');
}
