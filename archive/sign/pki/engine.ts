import { webcrypto } from 'node:crypto';
import { CryptoEngine } from 'pkijs';

/**
 * pkijs's crypto engine over Node's WebCrypto, passed explicitly to every pkijs call so nothing depends
 * on pkijs's process-wide default engine.
 */
export const pkiEngine = new CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

/** pkijs and asn1js want ArrayBuffers; a Uint8Array may be a view into a larger buffer. */
export const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
