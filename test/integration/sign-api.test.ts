import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { germanMessage, type ErrorCode } from '../../contract/errors';
import type { MethodInput } from '../../contract/methods';
import { extractSignatures, opensslCmsVerify } from '../../archive/sign/testing/openssl-checks';
import { pdfsig } from '../../archive/sign/testing/pdfsig';
import { createSignFixture, sha256Hex, type SignFixture } from '../../archive/sign/testing/sign-fixture';
import { createSoftHsmToken, type SoftHsmToken } from '../../archive/sign/testing/softhsm';
import { appendRawUpdate, makeTestPdf } from '../../archive/sign/testing/test-pdf';
import type { TestIdentity } from '../../archive/sign/testing/test-pki';
import { storeLetter, storeVersion } from '../../archive/sign/testing/stored-letter';
import { startTestTsa, type TestTsa } from '../../archive/sign/testing/tsa-server';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';

const PASSWORD = 'Geheim!';
const PIN = '246810';

let fx: SignFixture;
let demo: DemoApp;
let sb21: DemoSession;
let token: SoftHsmToken;
let tsa: TestTsa;

function writeSignConfig(extra: Record<string, unknown> = {}) {
  writeFileSync(join(demo.dataDir, 'sign.json'), JSON.stringify({ trustStore: [fx.pki.caCert], pkcs11Module: token.modulePath, ...extra }));
}

const p12Key = (identity: TestIdentity, password = PASSWORD) =>
  ({ kind: 'pkcs12', fileBase64: Buffer.from(identity.p12(PASSWORD)).toString('base64'), password }) as const;

const letterOf = (pdf: Uint8Array) => storeLetter(demo.app.deps, { username: 'sb21', amtId: '21', pdf });

async function versionBytes(versionUuid: string): Promise<Buffer> {
  const row = await demo.app.store.reader.get<{ blob_hash: string }>('SELECT blob_hash FROM document_version WHERE uuid = ?', [versionUuid]);
  return demo.app.store.blobs.read(row!.blob_hash);
}

const addVersion = (documentUuid: string, pdf: Uint8Array) => storeVersion(demo.app.deps, 'sb21', documentUuid, pdf);

beforeAll(async () => {
  fx = await createSignFixture();
  // The test certificates are valid around the real time, and pdfsig checks against it.
  demo = await openDemoApp({ clock: fx.clock });
  sb21 = await demo.login('sb21');
  token = createSoftHsmToken(fx.dir, {
    label: 'Dienstkarte',
    pin: PIN,
    keys: [{ identity: fx.pki.ecSigner, label: 'signatur-ec' }],
    caCert: fx.pki.caCert,
  });
  process.env.SOFTHSM2_CONF = token.config;
  tsa = await startTestTsa(fx.dir, fx.pki.tsa, fx.pki.caCert);
  writeSignConfig();
}, 120_000);

afterAll(async () => {
  await tsa?.close();
  await demo?.close();
  fx?.remove();
});

describe('signatures API', () => {
  it('signs a stored letter with a PKCS#12 file and then with a SoftHSM card (Mitzeichnung): new versions, original untouched, pdfsig and openssl accept both', async () => {
    const letter = await letterOf(await makeTestPdf({ font: fx.font }));
    const original = await versionBytes(letter.versionUuid);

    const first = await sb21.ok('signatures.sign', { versionUuid: letter.versionUuid, key: p12Key(fx.pki.signer), reason: 'Bescheid erlassen', location: 'Musterstadt' });
    expect(first).toMatchObject({ level: 'B-B', timestamp: { state: 'not_requested' }, signer: { commonName: 'Erika Mustermann' }, fieldName: 'Signatur1' });
    expect(first.document.versions.map((v) => v.versionNo)).toEqual([1, 2]);
    expect(sha256Hex(await versionBytes(letter.versionUuid))).toBe(sha256Hex(original));

    const second = await sb21.ok('signatures.sign', {
      versionUuid: first.versionUuid,
      key: { kind: 'pkcs11', tokenLabel: 'Dienstkarte', pin: PIN },
      reason: 'Mitzeichnung',
      stampPage: 1,
    });
    expect(second).toMatchObject({ level: 'B-B', signer: { commonName: 'Jörg Beispiel' }, fieldName: 'Signatur2' });
    const signed = await versionBytes(second.versionUuid);

    const theirs = pdfsig(fx.write('api-signed.pdf', signed), fx.nssDir);
    expect(theirs.map((s) => [s.commonName, s.signatureValidation, s.certificateValidation])).toEqual([
      ['Erika Mustermann', 'Signature is Valid.', 'Certificate is Trusted.'],
      ['Jörg Beispiel', 'Signature is Valid.', 'Certificate is Trusted.'],
    ]);
    for (const [i, raw] of extractSignatures(signed).entries()) expect(opensslCmsVerify(fx.dir, raw, fx.pki.caCert, `api-${i}`).ok).toBe(true);

    const ours = await sb21.ok('signatures.verify', { versionUuid: second.versionUuid });
    expect(ours.signatures.map((s) => [s.status, s.signer?.commonName, s.certificateTrusted])).toEqual([
      ['valid', 'Erika Mustermann', true],
      ['valid', 'Jörg Beispiel', true],
    ]);
    expect(ours.signatures[0]!.findings.map((f) => f.text)).toContain(germanMessage('sign.later_signatures', { count: 1 }));

    const listed = await sb21.ok('signatures.list', { documentUuid: letter.documentUuid });
    expect(listed.map((v) => v.signatures.map((s) => s.reason))).toEqual([[], ['Bescheid erlassen'], ['Bescheid erlassen', 'Mitzeichnung']]);

    // Signing and checking are in the audit log; the new versions go to the DMS through the outbox.
    const audit = await sb21.ok('audit.forObject', { uuid: letter.documentUuid });
    expect(audit.filter((e) => e.action === 'document.sign').map((e) => e.details.keyKind)).toEqual(['pkcs12', 'pkcs11']);
    expect(audit.find((e) => e.action === 'document.verify_signatures')).toMatchObject({ actor: 'sb21', details: { version: second.versionUuid, outcome: 'valid,valid' } });
    const outbox = await demo.app.store.reader.all<{ payload: string }>(`SELECT payload FROM outbox WHERE object_uuid = ? AND op = 'document.version'`, [letter.documentUuid]);
    expect(outbox.map((o) => JSON.parse(o.payload).versionUuid)).toEqual([first.versionUuid, second.versionUuid]);
  });

  it('signs B-T with a reachable TSA; offline it signs B-B and adds the timestamp later as a new version', async () => {
    const letter = await letterOf(await makeTestPdf({ font: fx.font }));
    writeSignConfig({ tsaUrl: tsa.url });
    const online = await sb21.ok('signatures.sign', { versionUuid: letter.versionUuid, key: p12Key(fx.pki.signer) });
    expect(online).toMatchObject({ level: 'B-T', timestamp: { state: 'added' } });

    writeSignConfig({ tsaUrl: 'http://127.0.0.1:9/tsa', tsaTimeoutMs: 2000 });
    const offline = await sb21.ok('signatures.sign', { versionUuid: online.versionUuid, key: p12Key(fx.pki.signer) });
    expect(offline).toMatchObject({ level: 'B-B', timestamp: { state: 'pending', reason: 'sign.timestamp_unreachable' } });
    expect((await sb21.ok('signatures.verify', { versionUuid: offline.versionUuid })).timestampPending).toBe(true);
    // Still offline: the signature keeps waiting.
    expect(await sb21.ok('signatures.upgradeTimestamps', {})).toEqual({ upgraded: 0, pending: 1, failed: 0, errorCode: 'sign.timestamp_unreachable' });

    writeSignConfig({ tsaUrl: tsa.url });
    expect(await sb21.ok('signatures.upgradeTimestamps', {})).toEqual({ upgraded: 1, pending: 0, failed: 0, errorCode: null });
    const versions = (await sb21.ok('documents.get', { uuid: letter.documentUuid })).versions;
    const upgraded = versions.at(-1)!;
    expect(upgraded.versionNo).toBe(4);
    const report = await sb21.ok('signatures.verify', { versionUuid: upgraded.uuid });
    expect(report.timestampPending).toBe(false);
    expect(report.signatures.map((s) => [s.status, s.level, s.timestamp?.valid])).toEqual([
      ['valid', 'B-T', true],
      ['valid', 'B-T', true],
    ]);
    const theirs = pdfsig(fx.write('upgraded.pdf', await versionBytes(upgraded.uuid)), fx.nssDir);
    expect(theirs.map((s) => s.signatureValidation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    writeSignConfig();
  });

  it('flags a tampered copy red (invalid) as pdfsig does, and a copy changed after signing', async () => {
    const letter = await letterOf(await makeTestPdf({ font: fx.font, objectStreams: false }));
    const signed = await sb21.ok('signatures.sign', { versionUuid: letter.versionUuid, key: p12Key(fx.pki.signer) });
    const pdf = await versionBytes(signed.versionUuid);

    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('stream\n') + 20;
    tampered[at] = tampered[at]! ^ 0x01;
    const report = await sb21.ok('signatures.verify', { versionUuid: await addVersion(letter.documentUuid, tampered) });
    expect(report.signatures[0]).toMatchObject({ status: 'invalid', integrity: { digestMatches: false } });
    expect(report.signatures[0]!.findings.map((f) => f.text)).toContain(germanMessage('sign.digest_mismatch'));
    expect(pdfsig(fx.write('api-tampered.pdf', tampered), fx.nssDir)[0]!.signatureValidation).not.toBe('Signature is Valid.');

    const text = pdf.toString('latin1');
    const page = [...text.matchAll(/(\d+) 0 obj\n(<<\n\/Type \/Page\n[\s\S]*?>>)\nendobj/g)].at(-1)!;
    const changed = appendRawUpdate(pdf, [{ num: Number(page[1]), body: page[2]!.replace(/\/MediaBox \[[^\]]*\]/, '/MediaBox [ 0 0 300 300 ]') }]);
    const later = await sb21.ok('signatures.verify', { versionUuid: await addVersion(letter.documentUuid, changed) });
    expect(later.signatures[0]).toMatchObject({ status: 'indeterminate', changedAfterSigning: true });
    expect(later.signatures[0]!.findings.map((f) => f.text)).toContain(germanMessage('sign.modified_after_signing'));

    // A byte range that leaves a gap in the file.
    const gap = text.replace(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/, (all, a, b, c, d: string) => `/ByteRange [${a} ${b} ${c} ${Number(d) - 100}]`.padEnd(all.length, ' '));
    const short = await sb21.ok('signatures.verify', { versionUuid: await addVersion(letter.documentUuid, Buffer.from(gap, 'latin1')) });
    expect(short.signatures[0]).toMatchObject({ status: 'invalid', integrity: { byteRangeValid: false } });
  });

  it('refuses bad keys and bad PDFs with a German message and writes nothing', async () => {
    const input = await makeTestPdf({ font: fx.font });
    const text = Buffer.from(input).toString('latin1');
    const broken = await letterOf(new Uint8Array(Buffer.from(text.replace('%PDF-1.7', '%PDF-1.7\n '), 'latin1')));
    const good = await letterOf(input);
    const cases: Array<[string, MethodInput<'signatures.sign'>, ErrorCode]> = [
      ['wrong password', { versionUuid: good.versionUuid, key: p12Key(fx.pki.signer, 'falsch') }, 'sign.wrong_password'],
      ['expired certificate', { versionUuid: good.versionUuid, key: p12Key(fx.pki.expiredSigner) }, 'sign.certificate_expired'],
      ['no signing key usage', { versionUuid: good.versionUuid, key: p12Key(fx.pki.encipherOnlySigner) }, 'sign.certificate_key_usage'],
      ['wrong PIN', { versionUuid: good.versionUuid, key: { kind: 'pkcs11', tokenLabel: 'Dienstkarte', pin: '999999' } }, 'sign.wrong_pin'],
      ['broken xref', { versionUuid: broken.versionUuid, key: p12Key(fx.pki.signer) }, 'sign.pdf_broken'],
      ['stamp on a missing page', { versionUuid: good.versionUuid, key: p12Key(fx.pki.signer), stampPage: 7 }, 'sign.page_out_of_range'],
    ];
    for (const [what, call, code] of cases) {
      const res = await sb21.call('signatures.sign', call);
      expect(res.ok, what).toBe(false);
      if (!res.ok) {
        expect(res.error.code, what).toBe(code);
        expect(res.error.message, what).toBe(germanMessage(code, res.error.params));
      }
    }
    // Only the newest version can be signed: a signature on an older one would drop what came after it.
    const twice = await letterOf(input);
    await sb21.ok('signatures.sign', { versionUuid: twice.versionUuid, key: p12Key(fx.pki.signer) });
    const older = await sb21.call('signatures.sign', { versionUuid: twice.versionUuid, key: p12Key(fx.pki.signer) });
    expect(older.ok || older.error.message).toBe(germanMessage('sign.version_not_latest', { latest: 2 }));
    expect((await sb21.ok('documents.get', { uuid: twice.documentUuid })).versions).toHaveLength(2);

    // A PDF over the configured limit ("huge") is refused before it is parsed.
    writeSignConfig({ maxPdfMb: 0.001 });
    const huge = await sb21.call('signatures.sign', { versionUuid: good.versionUuid, key: p12Key(fx.pki.signer) });
    expect(huge.ok || huge.error.code).toBe('sign.pdf_too_large');
    writeSignConfig();

    // Broken workstation settings: a clear German message, not a crash.
    writeFileSync(join(demo.dataDir, 'sign.json'), '{ "tsaUrl": ');
    const badConfig = await sb21.call('signatures.sign', { versionUuid: good.versionUuid, key: p12Key(fx.pki.signer) });
    expect(badConfig.ok || badConfig.error.code).toBe('sign.config_invalid');
    writeSignConfig({ trustStore: [join(fx.dir, 'gibt-es-nicht.pem')] });
    const noTrust = await sb21.call('signatures.verify', { versionUuid: good.versionUuid });
    expect(noTrust.ok || noTrust.error.message).toBe(germanMessage('sign.trust_store_invalid', { index: 1 }));
    writeSignConfig();

    for (const doc of [good, broken]) {
      const { versions } = await sb21.ok('documents.get', { uuid: doc.documentUuid });
      expect(versions).toHaveLength(1);
    }
    expect(sha256Hex(await versionBytes(good.versionUuid))).toBe(sha256Hex(input));
    expect(demo.logLines.some((l) => l.includes('sign.wrong_password'))).toBe(true);
  });

  it('keeps another Amt out: a clerk of Amt 32 can neither sign nor check Amt 21 letters', async () => {
    const letter = await letterOf(await makeTestPdf({ font: fx.font }));
    const sb32 = await demo.login('sb32');
    const sign = await sb32.call('signatures.sign', { versionUuid: letter.versionUuid, key: p12Key(fx.pki.signer) });
    const verify = await sb32.call('signatures.verify', { versionUuid: letter.versionUuid });
    expect([sign.ok || sign.error.code, verify.ok || verify.error.code]).toEqual(['records.not_found', 'records.not_found']);
  });
});
