import type { ParsedCertificate } from './certificates';

/**
 * Orders loose certificates into the issuer chain of `leaf`, leaf first. Certificates that are not part
 * of the chain are left out; matching is by name, which is enough to pick from one key store.
 */
export function orderChain(leaf: ParsedCertificate, others: readonly ParsedCertificate[]): ParsedCertificate[] {
  const chain = [leaf];
  const pool = others.filter((c) => c.info.sha256Fingerprint !== leaf.info.sha256Fingerprint);
  for (let current = leaf; current.info.issuer !== current.info.subject; ) {
    const issuer = pool.find((c) => c.info.subject === current.info.issuer);
    if (!issuer) break;
    chain.push(issuer);
    pool.splice(pool.indexOf(issuer), 1);
    current = issuer;
  }
  return chain;
}
