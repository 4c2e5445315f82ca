import type { SigningKey } from '../../../contract/methods/signatures';
import { AppError } from '../../../contract/app-error';
import { openPkcs11Signer } from '../keys/pkcs11-signer';
import { openPkcs12Signer } from '../keys/pkcs12-signer';
import type { ClosableSigner } from '../signer';
import type { SignConfig } from './config';

/**
 * The signer for one signing: a PKCS#12 file opened in memory, or a session on the configured card
 * driver. The password or PIN is used here and not kept.
 */
export async function openSigner(key: SigningKey, config: SignConfig): Promise<ClosableSigner> {
  if (key.kind === 'pkcs12') {
    const signer = await openPkcs12Signer(Buffer.from(key.fileBase64, 'base64'), key.password);
    return { ...signer, close: () => undefined };
  }
  if (!config.pkcs11Module) throw new AppError('sign.token_not_configured', {}, 'no pkcs11Module in sign.json');
  return openPkcs11Signer({ modulePath: config.pkcs11Module, tokenLabel: key.tokenLabel, pin: key.pin, keyLabel: key.keyLabel });
}
