import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ecdsaRawToDer } from './ecdsa-der';

const asn1parse = (der: Uint8Array) =>
  spawnSync('openssl', ['asn1parse', '-inform', 'DER'], { input: der, encoding: 'utf8' }).stdout;

describe('ecdsaRawToDer', () => {
  it('encodes r‖s as minimal positive INTEGERs, also from a pooled Buffer, as openssl reads them', () => {
    // allocUnsafe takes small buffers from Node's shared pool.
    const raw = Buffer.allocUnsafe(64).fill(0);
    raw[0] = 0x80; // high bit set: needs a leading zero byte
    raw[31] = 0x01;
    raw[34] = 0x05; // leading zeros: must be trimmed
    raw[63] = 0x07;
    const der = ecdsaRawToDer(raw.subarray(0, 64));
    expect(der.length).toBe(2 + (2 + 33) + (2 + 30));
    const parsed = asn1parse(der);
    const integers = [...parsed.matchAll(/INTEGER\s+:([0-9A-F]+)/g)].map((m) => m[1]);
    expect(integers).toEqual([
      raw.subarray(0, 32).toString('hex').toUpperCase(),
      raw.subarray(34, 64).toString('hex').toUpperCase(),
    ]);
  });
});
