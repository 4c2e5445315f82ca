import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { germanMessage } from '../../contract/errors';
import { extractSignatures, opensslCmsVerify } from '../../archive/sign/testing/openssl-checks';
import { pdfsig } from '../../archive/sign/testing/pdfsig';
import { createSignFixture, sha256Hex, type SignFixture } from '../../archive/sign/testing/sign-fixture';
import { makeTestPdf } from '../../archive/sign/testing/test-pdf';
import { startTestTsa } from '../../archive/sign/testing/tsa-server';
import { openDemoApp, type DemoApp } from '../helpers/demo-app';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'eakte.mjs');

function eakte(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args, ...(args.includes('--data') ? [] : ['--data', demo.dataDir])], { env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let fx: SignFixture;
let demo: DemoApp;
let p12: string;
let letter: string;
let storedVersion: string;
let signedVersion: string;

beforeAll(async () => {
  fx = await createSignFixture();
  demo = await openDemoApp({ clock: fx.clock });
  const sb21 = await demo.login('sb21');
  const [doc] = (await sb21.ok('documents.list', { limit: 1 })).items;
  storedVersion = (await sb21.ok('documents.get', { uuid: doc!.uuid })).versions.at(-1)!.uuid;
  await demo.app.close(); // the CLI opens the store itself
  writeFileSync(join(demo.dataDir, 'sign.json'), JSON.stringify({ trustStore: [fx.pki.caCert] }));
  p12 = fx.write('erika.p12', fx.pki.signer.p12('Geheim!'));
  letter = fx.write('brief.pdf', await makeTestPdf({ font: fx.font }));
}, 120_000);

afterAll(() => {
  rmSync(demo.dataDir, { recursive: true, force: true });
  fx.remove();
});

describe('eakte sign / eakte verify', () => {
  it('signs a file into a new file with a visible stamp; pdfsig and openssl accept it; verify --json says valid, a tampered copy exits 6', async () => {
    const before = sha256Hex(readFileSync(letter));
    const out = join(fx.dir, 'brief-signiert.pdf');
    const signed = await eakte(['sign', letter, '--p12', p12, '--password-env', 'EAKTE_TEST_PW', '--out', out, '--reason', 'Bescheid', '--visible', '--json'], {
      EAKTE_TEST_PW: 'Geheim!',
    });
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    expect(JSON.parse(signed.stdout)).toMatchObject({ level: 'B-B', signer: 'Erika Mustermann', fieldName: 'Signatur1' });
    expect(sha256Hex(readFileSync(letter))).toBe(before);
    const bytes = readFileSync(out);
    expect(pdfsig(out, fx.nssDir)[0]).toMatchObject({ signatureValidation: 'Signature is Valid.', certificateValidation: 'Certificate is Trusted.' });
    expect(opensslCmsVerify(fx.dir, extractSignatures(bytes)[0]!, fx.pki.caCert).ok).toBe(true);

    const verified = await eakte(['verify', out, '--json']);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ valid: true, signatures: [{ status: 'valid', reason: 'Bescheid', signer: { commonName: 'Erika Mustermann' } }] });

    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf('stream\n') + 20;
    tampered[at] = tampered[at]! ^ 0x01;
    const bad = await eakte(['verify', fx.write('manipuliert.pdf', tampered)]);
    expect(bad.code).toBe(6);
    expect(bad.stdout).toContain('UNGÜLTIG');
    expect(bad.stdout).toContain(germanMessage('sign.digest_mismatch'));

    // Without the CA in the trust store the same signature cannot be fully checked.
    const foreign = await eakte(['verify', out, '--json', '--data', fx.dir]);
    expect([foreign.code, JSON.parse(foreign.stdout).signatures[0].status]).toEqual([6, 'indeterminate']);
  });

  it('refuses a wrong password, a missing variable and writing over the input, in German, writing nothing', async () => {
    const out = join(fx.dir, 'nie.pdf');
    const wrong = await eakte(['sign', letter, '--p12', p12, '--password-env', 'EAKTE_TEST_PW', '--out', out], { EAKTE_TEST_PW: 'falsch' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(germanMessage('sign.wrong_password'));
    const unset = await eakte(['sign', letter, '--p12', p12, '--password-env', 'EAKTE_NICHT_GESETZT', '--out', out]);
    expect(unset.code).toBe(2);
    const over = await eakte(['sign', letter, '--p12', p12, '--password-env', 'EAKTE_TEST_PW', '--out', letter], { EAKTE_TEST_PW: 'Geheim!' });
    expect(over.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('signs a stored document version as a clerk into a new version', async () => {
    const r = await eakte(['sign', '--version', storedVersion, '--user', 'sb21', '--p12', p12, '--password-env', 'EAKTE_TEST_PW', '--json'], {
      EAKTE_TEST_PW: 'Geheim!',
    });
    expect(r.code, r.stderr).toBe(0);
    const value = JSON.parse(r.stdout) as { versionUuid: string; document: { versions: Array<{ uuid: string }> } };
    expect(value.document.versions.map((v) => v.uuid)).toEqual(expect.arrayContaining([storedVersion, value.versionUuid]));
    signedVersion = value.versionUuid;
  });

  it('signs a stored version offline (B-B, timestamp queued) and adds the timestamp later with eakte sign upgrade-timestamps', async () => {
    const pw = { EAKTE_TEST_PW: 'Geheim!' };
    writeFileSync(join(demo.dataDir, 'sign.json'), JSON.stringify({ trustStore: [fx.pki.caCert], tsaUrl: 'http://127.0.0.1:9/tsa', tsaTimeoutMs: 2000 }));
    const offline = await eakte(['sign', '--version', signedVersion, '--user', 'sb21', '--p12', p12, '--password-env', 'EAKTE_TEST_PW', '--json'], pw);
    expect(offline.code, offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout)).toMatchObject({ level: 'B-B', timestamp: { state: 'pending' } });
    const tsa = await startTestTsa(fx.dir, fx.pki.tsa, fx.pki.caCert);
    try {
      writeFileSync(join(demo.dataDir, 'sign.json'), JSON.stringify({ trustStore: [fx.pki.caCert], tsaUrl: tsa.url }));
      const upgraded = await eakte(['sign', 'upgrade-timestamps', '--user', 'sb21', '--json']);
      expect(upgraded.code, upgraded.stderr).toBe(0);
      expect(JSON.parse(upgraded.stdout)).toEqual({ upgraded: 1, pending: 0, failed: 0, errorCode: null });
      expect(tsa.requests()).toBe(1);
    } finally {
      await tsa.close();
    }
  });
});
