import * as asn1js from 'asn1js';

/**
 * PKCS#11 returns an ECDSA signature as r‖s of equal length; CMS wants DER SEQUENCE { r INTEGER,
 * s INTEGER } with minimal positive integers.
 */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new Error(`ECDSA signature of odd length ${raw.length}`);
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const trimmed = bytes.subarray(i);
    // A fresh array: a Buffer's slice shares (and .buffer exposes) Node's whole allocation pool.
    const value = trimmed[0]! & 0x80 ? Uint8Array.of(0, ...trimmed) : Uint8Array.from(trimmed);
    return new asn1js.Integer({ valueHex: value.buffer });
  };
  return new Uint8Array(
    new asn1js.Sequence({ value: [integer(raw.subarray(0, half)), integer(raw.subarray(half))] }).toBER(),
  );
}
