/**
 * A throw-away PKI for tests, made by the openssl command line (an independent implementation): a CA,
 * signers with and without the right key usage or validity, an EC signer and a timestamp authority.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestIdentity {
  readonly key: string;
  readonly cert: string;
  readonly certDer: Uint8Array;
  /** PKCS#12 with PBES2/AES (OpenSSL 3 default), chain included. */
  p12(password: string, legacy?: boolean): Uint8Array;
}

export interface TestPki {
  readonly dir: string;
  readonly caCert: string;
  readonly caDer: Uint8Array;
  readonly caPem: Uint8Array;
  readonly signer: TestIdentity;
  readonly ecSigner: TestIdentity;
  readonly expiredSigner: TestIdentity;
  readonly notYetValidSigner: TestIdentity;
  /** Key usage keyEncipherment only. */
  readonly encipherOnlySigner: TestIdentity;
  /** No key usage extension at all. */
  readonly noKeyUsageSigner: TestIdentity;
  readonly tsa: TestIdentity;
  /** A second, unrelated CA and a signer issued by it (not in the trust store). */
  readonly foreignSigner: TestIdentity;
  readonly foreignCaCert: string;
}

function openssl(args: string[], cwd: string): Buffer {
  try {
    return execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    throw new Error(`openssl ${args[0]} failed: ${String((err as { stderr?: Buffer }).stderr)}`, { cause: err });
  }
}

const CONFIG = (dir: string) => `
[ ca ]
default_ca = testca
[ testca ]
dir = ${dir}
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
certificate = $dir/ca.pem
private_key = $dir/ca.key
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
[ policy_any ]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
[ req ]
distinguished_name = dn
[ dn ]
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ signer ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ encipher_only ]
basicConstraints = CA:false
keyUsage = critical,keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ no_key_usage ]
basicConstraints = CA:false
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ tsa ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

/** openssl ca date format YYYYMMDDHHMMSSZ. */
const caDate = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';

/**
 * A root CA valid from 2019 on, so signatures with claimed times in the past can still chain to it
 * (`openssl req -x509` cannot backdate; `openssl ca -selfsign` can).
 */
function makeCa(dir: string, name: string, subject: string): string {
  mkdirSync(join(dir, name, 'newcerts'), { recursive: true });
  const caDir = join(dir, name);
  writeFileSync(join(caDir, 'index.txt'), '');
  writeFileSync(join(caDir, 'serial'), '1000\n');
  writeFileSync(join(caDir, 'ca.cnf'), CONFIG(caDir));
  openssl(['req', '-new', '-config', 'ca.cnf', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.csr', '-utf8', '-subj', subject], caDir);
  openssl(
    ['ca', '-batch', '-selfsign', '-config', 'ca.cnf', '-extensions', 'v3_ca', '-utf8', '-notext', '-keyfile', 'ca.key',
      '-startdate', '20190101000000Z', '-enddate', caDate(new Date(Date.now() + 3650 * 86_400_000)), '-in', 'ca.csr', '-out', 'ca.pem'],
    caDir,
  );
  return caDir;
}

function issue(
  caDir: string,
  name: string,
  opts: { subject: string; extensions: string; from: Date; to: Date; ec?: boolean },
): TestIdentity {
  const key = join(caDir, `${name}.key`);
  const cert = join(caDir, `${name}.pem`);
  const newKey = opts.ec ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
  openssl(['req', '-new', '-config', 'ca.cnf', ...newKey, '-nodes', '-keyout', key, '-out', `${name}.csr`, '-utf8', '-subj', opts.subject], caDir);
  openssl(
    ['ca', '-batch', '-config', 'ca.cnf', '-extensions', opts.extensions, '-utf8', '-notext',
      '-startdate', caDate(opts.from), '-enddate', caDate(opts.to), '-in', `${name}.csr`, '-out', cert],
    caDir,
  );
  const certDer = new Uint8Array(openssl(['x509', '-in', cert, '-outform', 'DER'], caDir));
  return {
    key,
    cert,
    certDer,
    p12(password, legacy = false) {
      const out = join(caDir, `${name}-${legacy ? 'legacy' : 'aes'}.p12`);
      const pbe = legacy ? ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'] : [];
      openssl(['pkcs12', '-export', '-inkey', key, '-in', cert, '-certfile', 'ca.pem', ...pbe,
        '-passout', `pass:${password}`, '-out', out], caDir);
      return new Uint8Array(readFileSync(out));
    },
  };
}

/** Creates the PKI under `dir`; validity is relative to the real time, since pdfsig checks against it. */
export function createTestPki(dir: string): TestPki {
  const now = Date.now();
  const day = 86_400_000;
  const valid = { from: new Date(now - day), to: new Date(now + 730 * day) };
  const caDir = makeCa(dir, 'ca', '/C=DE/O=Stadt Musterstadt/CN=Test-CA Stadt Musterstadt');
  const foreignDir = makeCa(dir, 'foreign', '/C=DE/O=Fremde Stelle/CN=Fremde Test-CA');
  const person = (cn: string) => `/C=DE/O=Stadt Musterstadt/OU=Rechtsamt/CN=${cn}`;
  return {
    dir: caDir,
    caCert: join(caDir, 'ca.pem'),
    caDer: new Uint8Array(openssl(['x509', '-in', 'ca.pem', '-outform', 'DER'], caDir)),
    caPem: new Uint8Array(readFileSync(join(caDir, 'ca.pem'))),
    signer: issue(caDir, 'signer', { subject: person('Erika Mustermann'), extensions: 'signer', ...valid }),
    ecSigner: issue(caDir, 'ec-signer', { subject: person('Jörg Beispiel'), extensions: 'signer', ec: true, ...valid }),
    expiredSigner: issue(caDir, 'expired', {
      subject: person('Abgelaufen'),
      extensions: 'signer',
      from: new Date('2020-01-01T00:00:00Z'),
      to: new Date('2021-01-01T00:00:00Z'),
    }),
    notYetValidSigner: issue(caDir, 'not-yet-valid', {
      subject: person('Noch nicht gültig'),
      extensions: 'signer',
      from: new Date(now + 365 * day),
      to: new Date(now + 730 * day),
    }),
    encipherOnlySigner: issue(caDir, 'encipher-only', { subject: person('Nur Verschlüsselung'), extensions: 'encipher_only', ...valid }),
    noKeyUsageSigner: issue(caDir, 'no-key-usage', { subject: person('Ohne Schlüsselverwendung'), extensions: 'no_key_usage', ...valid }),
    tsa: issue(caDir, 'tsa', { subject: '/C=DE/O=Stadt Musterstadt/CN=Test-Zeitstempeldienst', extensions: 'tsa', ...valid }),
    foreignSigner: issue(foreignDir, 'foreign-signer', { subject: '/C=DE/O=Fremde Stelle/CN=Max Fremd', extensions: 'signer', ...valid }),
    foreignCaCert: join(foreignDir, 'ca.pem'),
  };
}
