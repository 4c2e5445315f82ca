/**
 * Checks of produced signatures with the openssl command line: the CMS is cut out of the PDF by plain
 * byte search (not by the code under test) and verified with `openssl cms -verify`, inspected with
 * `openssl asn1parse`, and its timestamp token verified with `openssl ts -verify`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RawSignature {
  readonly byteRange: readonly number[];
  /** The DER of the CMS, without /Contents' zero padding. */
  readonly cms: Buffer;
  /** The bytes the byte range covers. */
  readonly signedContent: Buffer;
}

/** Every /ByteRange [a b c d] in the file with its /Contents hex string (the gap) decoded. */
export function extractSignatures(pdf: Uint8Array): RawSignature[] {
  const buf = Buffer.from(pdf);
  const text = buf.toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => {
    const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number];
    const padded = Buffer.from(text.slice(b + 1, c - 1), 'hex');
    return { byteRange: [a, b, c, d], cms: padded.subarray(0, derLength(padded)), signedContent: Buffer.concat([buf.subarray(a, a + b), buf.subarray(c, c + d)]) };
  });
}

/** Total length of the DER element at the start of `der` (definite lengths only). */
function derLength(der: Buffer): number {
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[2 + i]!;
  return 2 + n + len;
}

export function opensslCmsVerify(dir: string, sig: RawSignature, caFile: string, name = 'sig'): { ok: boolean; stderr: string } {
  const cmsFile = join(dir, `${name}.der`);
  const contentFile = join(dir, `${name}.bin`);
  writeFileSync(cmsFile, sig.cms);
  writeFileSync(contentFile, sig.signedContent);
  const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-content', contentFile, '-CAfile', caFile, '-out', '/dev/null'], { encoding: 'utf8' });
  return { ok: r.status === 0 && r.stderr.includes('CMS Verification successful'), stderr: r.stderr };
}

export function asn1parse(dir: string, der: Buffer, name = 'asn1'): string {
  const file = join(dir, `${name}.der`);
  writeFileSync(file, der);
  return execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', file], { encoding: 'utf8' });
}

/**
 * The signature value and the signature-time-stamp token of a CMS, located by `openssl asn1parse`
 * offsets: the token is the SEQUENCE after the id-smime-aa-timeStampToken OID and its SET, the
 * signature the OCTET STRING before the SignerInfo's unsigned attributes [1].
 */
export function timestampParts(dir: string, cms: Buffer): { token: Buffer; signatureValue: Buffer } | null {
  const lines = asn1parse(dir, cms, 'tst-search').split('\n').filter(Boolean);
  const parsed = lines.map((l) => {
    const m = /^\s*(\d+):d=\s*(\d+)\s+hl=\s*(\d+)\s+l=\s*(\d+)\s+(prim|cons):\s*(.*)$/.exec(l)!;
    return { offset: +m[1]!, depth: +m[2]!, hl: +m[3]!, len: +m[4]!, what: m[6]! };
  });
  const oid = parsed.findIndex((p) => p.what.includes('id-smime-aa-timeStampToken'));
  if (oid < 0) return null;
  const tokenEl = parsed[oid + 2]!;
  const unsignedIdx = parsed.findLastIndex((p, i) => i < oid && p.what.startsWith('cont [ 1 ]'));
  const sigEl = parsed.slice(0, unsignedIdx).findLast((p) => p.depth === parsed[unsignedIdx]!.depth && p.what.startsWith('OCTET STRING'))!;
  const slice = (p: { offset: number; hl: number; len: number }, skipHeader: boolean) =>
    cms.subarray(p.offset + (skipHeader ? p.hl : 0), p.offset + p.hl + p.len);
  return { token: slice(tokenEl, false), signatureValue: slice(sigEl, true) };
}

/** `openssl ts -verify` of a token over data, with the CA trusted. */
export function opensslTsVerify(dir: string, token: Buffer, data: Buffer, caFile: string): { ok: boolean; stderr: string } {
  const tokenFile = join(dir, 'token.der');
  const dataFile = join(dir, 'stamped.bin');
  writeFileSync(tokenFile, token);
  writeFileSync(dataFile, data);
  const r = spawnSync('openssl', ['ts', '-verify', '-in', tokenFile, '-token_in', '-data', dataFile, '-CAfile', caFile], { encoding: 'utf8' });
  return { ok: r.status === 0 && /Verification: OK/.test(r.stdout), stderr: r.stderr };
}
