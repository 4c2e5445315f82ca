import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallMeta, Dispatch } from '../../core/api/dispatch';
import { createSignFixture, type SignFixture } from '../../archive/sign/testing/sign-fixture';
import { storeLetter } from '../../archive/sign/testing/stored-letter';
import { makeTestPdf } from '../../archive/sign/testing/test-pdf';
import { openDemoApp, type DemoApp } from '../../test/helpers/demo-app';
import { safeStorageSigningSecrets, withSigningSecrets } from './signing-secrets';

/** Electron's safeStorage stands in as AES-GCM under a key only this fake "OS account" holds. */
function osAccount(backend = 'gnome_libsecret'): SafeStorage {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString(text: string) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      return Buffer.concat([iv, c.update(text, 'utf8'), c.final(), c.getAuthTag()]);
    },
    decryptString(data: Buffer) {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(-16));
      return Buffer.concat([d.update(data.subarray(12, -16)), d.final()]).toString('utf8');
    },
  } as unknown as SafeStorage;
}

const PASSWORD = 'Sehr-geheim 2026!';
let fx: SignFixture;
let demo: DemoApp;
let meta: CallMeta;
let p12: string;

beforeAll(async () => {
  fx = await createSignFixture();
  demo = await openDemoApp({ clock: fx.clock });
  const login = await demo.app.dispatch({ sessionId: null, transport: 'ipc' }, 'session.login', { username: 'sb21' });
  if (!login.ok) throw new Error(login.error.code);
  meta = { sessionId: login.value.sessionId, transport: 'ipc' };
  p12 = Buffer.from(fx.pki.signer.p12(PASSWORD)).toString('base64');
}, 120_000);
afterAll(async () => {
  await demo.close();
  fx.remove();
});

async function signWith(dispatch: Dispatch, password: string, rememberPassword = false) {
  const { versionUuid } = await storeLetter(demo.app.deps, { username: 'sb21', amtId: '21', pdf: await makeTestPdf({ font: fx.font }) });
  return dispatch(meta, 'signatures.sign', { versionUuid, key: { kind: 'pkcs12', fileBase64: p12, password }, rememberPassword });
}

const codeOf = (r: Awaited<ReturnType<Dispatch>>) => (r.ok ? 'ok' : r.error.code);

describe('PKCS#12 passwords kept by Electron safeStorage', () => {
  it('keeps a password only when asked and only encrypted; an empty password then signs; another OS account is asked again', async () => {
    const file = join(demo.dataDir, 'signing-secrets.json');
    const dispatch = withSigningSecrets(demo.app.dispatch, safeStorageSigningSecrets(osAccount(), file, 'win32'));
    expect(await dispatch(meta, 'signatures.secretStorage', {})).toMatchObject({ ok: true, value: { available: true } });

    expect(codeOf(await signWith(dispatch, PASSWORD))).toBe('ok');
    expect(codeOf(await signWith(dispatch, ''))).toBe('sign.wrong_password');
    expect(codeOf(await signWith(dispatch, 'falsch', true))).toBe('sign.wrong_password');
    expect(codeOf(await signWith(dispatch, PASSWORD, true))).toBe('ok');
    const stored = readFileSync(file, 'utf8');
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(codeOf(await signWith(dispatch, ''))).toBe('ok');

    const otherAccount = withSigningSecrets(demo.app.dispatch, safeStorageSigningSecrets(osAccount(), file, 'win32'));
    expect(codeOf(await signWith(otherAccount, ''))).toBe('sign.wrong_password');
  });

  it('keeps nothing without a real OS key store (Linux plain-text fallback), and the core alone never offers it', async () => {
    const file = join(demo.dataDir, 'signing-secrets-linux.json');
    const dispatch = withSigningSecrets(demo.app.dispatch, safeStorageSigningSecrets(osAccount('basic_text'), file, 'linux'));
    expect(await dispatch(meta, 'signatures.secretStorage', {})).toMatchObject({ ok: true, value: { available: false } });
    expect(codeOf(await signWith(dispatch, PASSWORD, true))).toBe('ok');
    expect(codeOf(await signWith(dispatch, ''))).toBe('sign.wrong_password');
    expect(await demo.app.dispatch(meta, 'signatures.secretStorage', {})).toMatchObject({ ok: true, value: { available: false } });
  });
});
