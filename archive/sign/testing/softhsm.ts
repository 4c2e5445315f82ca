/**
 * A SoftHSM2 token (Debian softhsm2) holding test identities, set up with softhsm2-util and OpenSC's
 * pkcs11-tool, the way an administrator would provision a card.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestIdentity } from './test-pki';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsmToken {
  readonly modulePath: string;
  /** Must be in process.env.SOFTHSM2_CONF before the module is initialised. */
  readonly config: string;
}

export function createSoftHsmToken(
  dir: string,
  opts: {
    label: string;
    pin: string;
    keys: ReadonlyArray<{ identity: TestIdentity; label: string; withCertificate?: boolean }>;
    caCert?: string;
  },
): SoftHsmToken {
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens, { recursive: true });
  const config = join(dir, 'softhsm2.conf');
  writeFileSync(config, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { ...process.env, SOFTHSM2_CONF: config };
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  run('softhsm2-util', ['--init-token', '--free', '--label', opts.label, '--so-pin', '87654321', '--pin', opts.pin]);
  const tool = ['--module', SOFTHSM_MODULE, '--token-label', opts.label, '--login', '--pin', opts.pin, '--type', 'cert'];
  opts.keys.forEach(({ identity, label, withCertificate = true }, i) => {
    const id = (i + 1).toString(16).padStart(2, '0');
    run('softhsm2-util', ['--import', identity.key, '--token', opts.label, '--label', label, '--id', id, '--pin', opts.pin]);
    if (!withCertificate) return;
    const der = join(dir, `${label}.der`);
    writeFileSync(der, identity.certDer);
    run('pkcs11-tool', [...tool, '--write-object', der, '--id', id, '--label', label]);
  });
  if (opts.caCert) {
    const caDer = join(dir, 'ca.der');
    writeFileSync(caDer, execFileSync('openssl', ['x509', '-in', opts.caCert, '-outform', 'DER']));
    run('pkcs11-tool', [...tool, '--write-object', caDer, '--id', 'ff', '--label', 'ca']);
  }
  return { modulePath: SOFTHSM_MODULE, config };
}
