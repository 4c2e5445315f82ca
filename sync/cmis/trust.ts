import { existsSync, readFileSync } from 'node:fs';
import tls from 'node:tls';

const LINUX_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

/**
 * The certificates a DMS connection trusts: the operating system's store (the city's own CA is
 * distributed there), plus an extra file from the settings. Node from 22.15 (and Electron's Node) reads
 * the system store itself, including Windows; older Node reads the distribution's bundle file, and on
 * Windows falls back to Node's built-in list, so a city CA must then be given as `caFile`.
 */
export function trustedCertificates(extraCaFile?: string): string[] {
  const extra = extraCaFile ? [readFileSync(extraCaFile, 'utf8')] : [];
  const getCa = (tls as { getCACertificates?: (kind: 'system' | 'bundled') => string[] }).getCACertificates;
  if (typeof getCa === 'function') return [...getCa('system'), ...getCa('bundled'), ...extra];
  const bundle = LINUX_BUNDLES.find((f) => existsSync(f));
  return [...tls.rootCertificates, ...(bundle ? [readFileSync(bundle, 'utf8')] : []), ...extra];
}
