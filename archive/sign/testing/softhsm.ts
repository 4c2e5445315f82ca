/**
 * A SoftHSM2 token (Debian softhsm2) holding a test identity, set up with softhsm2-util and OpenSC's
 * pkcs11-tool, the way an administrator would provision a card.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestIdentity } from './test-pki';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsmToken {
  readonly modulePath: string;
  /** Must be in process.env before the module is initialised. */
  readonly config: string;
}

export function createSoftHsmToken(
  dir: string,
  opts: { label: string; pin: string; identity: TestIdentity; keyLabel: string; caCert?: string },
): SoftHsmToken {
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens, { recursive: true });
  const config = join(dir, 'softhsm2.conf');
  writeFileSync(config, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { ...process.env, SOFTHSM2_CONF: config };
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  run('softhsm2-util', ['--init-token', '--free', '--label', opts.label, '--so-pin', '87654321', '--pin', opts.pin]);
  run('softhsm2-util', ['--import', opts.identity.key, '--token', opts.label, '--label', opts.keyLabel, '--id', '01', '--pin', opts.pin]);
  const certDer = join(dir, `${opts.keyLabel}.der`);
  writeFileSync(certDer, opts.identity.certDer);
  const tool = ['--module', SOFTHSM_MODULE, '--token-label', opts.label, '--login', '--pin', opts.pin, '--type', 'cert'];
  run('pkcs11-tool', [...tool, '--write-object', certDer, '--id', '01', '--label', opts.keyLabel]);
  if (opts.caCert) {
    const caDer = join(dir, 'ca.der');
    writeFileSync(caDer, execFileSync('openssl', ['x509', '-in', opts.caCert, '-outform', 'DER']));
    run('pkcs11-tool', [...tool, '--write-object', caDer, '--id', '02', '--label', 'ca']);
  }
  return { modulePath: SOFTHSM_MODULE, config };
}
