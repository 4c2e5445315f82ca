import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { createTestPki, type TestIdentity, type TestPki } from '../testing/test-pki';
import { parseCertificate } from './certificates';
import { signingCertificateProblems } from './signing-certificate-policy';

let dir: ReturnType<typeof tempDir>;
let pki: TestPki;
beforeAll(() => {
  dir = tempDir('eakte-policy-');
  pki = createTestPki(dir.path);
});
afterAll(() => dir.remove());

/** Key usage names as `openssl x509 -ext keyUsage` prints them, mapped to RFC 5280 names. */
function opensslKeyUsage(identity: TestIdentity): string[] | null {
  const out = execFileSync('openssl', ['x509', '-in', identity.cert, '-noout', '-ext', 'keyUsage'], { encoding: 'utf8' });
  if (!out.trim()) return null;
  const names: Record<string, string> = {
    'Digital Signature': 'digitalSignature',
    'Non Repudiation': 'nonRepudiation',
    'Key Encipherment': 'keyEncipherment',
  };
  return out.split('\n')[1]!.split(',').map((s) => names[s.trim()] ?? s.trim());
}

describe('signing certificate policy', () => {
  it('reads key usage and validity as openssl does', () => {
    for (const identity of [pki.signer, pki.encipherOnlySigner, pki.noKeyUsageSigner, pki.expiredSigner]) {
      const info = parseCertificate(identity.certDer).info;
      expect(info.keyUsage).toEqual(opensslKeyUsage(identity));
      const end = execFileSync('openssl', ['x509', '-in', identity.cert, '-noout', '-enddate'], { encoding: 'utf8' });
      expect(info.notAfter.getTime()).toBe(new Date(end.replace('notAfter=', '').trim()).getTime());
    }
  });

  it('lets a signing certificate sign inside its validity only, and others never', () => {
    const codes = (identity: TestIdentity, at: string) =>
      signingCertificateProblems(parseCertificate(identity.certDer).info, new Date(at)).map((p) => p.code);
    const now = new Date().toISOString();
    expect(codes(pki.signer, now)).toEqual([]);
    expect(codes(pki.expiredSigner, '2020-06-01T00:00:00Z')).toEqual([]);
    expect(codes(pki.expiredSigner, now)).toEqual(['sign.certificate_expired']);
    expect(codes(pki.expiredSigner, '2019-06-01T00:00:00Z')).toEqual(['sign.certificate_not_yet_valid']);
    expect(codes(pki.encipherOnlySigner, now)).toEqual(['sign.certificate_key_usage']);
    expect(codes(pki.noKeyUsageSigner, now)).toEqual(['sign.certificate_key_usage']);
    expect(codes(pki.tsa, now)).toEqual([]);
  });

  it('names the dates in German local time', () => {
    const [problem] = signingCertificateProblems(parseCertificate(pki.expiredSigner.certDer).info, new Date('2021-03-01T12:00:00Z'));
    expect(problem!.params).toEqual({ at: '01.03.2021, 13:00 Uhr', until: '01.01.2021, 01:00 Uhr' });
  });
});
