import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimestampUpgrades } from '../../archive/sign/app/timestamp-background';
import { pdfsig } from '../../archive/sign/testing/pdfsig';
import { createSignFixture, type SignFixture } from '../../archive/sign/testing/sign-fixture';
import { makeTestPdf } from '../../archive/sign/testing/test-pdf';
import { storeLetter } from '../../archive/sign/testing/stored-letter';
import { startTestTsa, type TestTsa } from '../../archive/sign/testing/tsa-server';
import { openDemoApp, type DemoApp } from '../helpers/demo-app';

/**
 * A letter signed while the TSA was unreachable gets its timestamp by itself once the TSA answers: the
 * app's background round adds it as a new version, in the signer's name and marked automatic, and
 * pdfsig accepts the timestamped signature.
 */

const PASSWORD = 'Geheim!';
let fx: SignFixture;
let demo: DemoApp;
let tsa: TestTsa;

const writeSignConfig = (tsaUrl: string) =>
  writeFileSync(join(demo.dataDir, 'sign.json'), JSON.stringify({ trustStore: [fx.pki.caCert], tsaUrl, tsaTimeoutMs: 2000 }));

beforeAll(async () => {
  fx = await createSignFixture();
  demo = await openDemoApp({ clock: fx.clock }); // the test certificates and pdfsig go by the real time
  tsa = await startTestTsa(fx.dir, fx.pki.tsa, fx.pki.caCert);
}, 120_000);

afterAll(async () => {
  await tsa?.close();
  await demo?.close();
  fx?.remove();
});

describe('background timestamp upgrades', () => {
  it('adds the queued timestamp once the TSA answers, as a new version in the signer\'s name', async () => {
    const sb21 = await demo.login('sb21');
    const letter = await storeLetter(demo.app.deps, { username: 'sb21', amtId: '21', pdf: await makeTestPdf({ font: fx.font }) });
    writeSignConfig('http://127.0.0.1:9/tsa');
    const key = { kind: 'pkcs12', fileBase64: Buffer.from(fx.pki.signer.p12(PASSWORD)).toString('base64'), password: PASSWORD } as const;
    const offline = await sb21.ok('signatures.sign', { versionUuid: letter.versionUuid, key });
    expect(offline).toMatchObject({ level: 'B-B', timestamp: { state: 'pending' } });

    const changed: string[] = [];
    const off = demo.app.events.subscribe((e) => e.type === 'records.changed' && e.objectType === 'document' && changed.push(e.uuid));
    const background = startTimestampUpgrades(demo.app.deps, { everyMs: 200 });
    try {
      await new Promise((r) => setTimeout(r, 1000)); // rounds against the unreachable TSA change nothing
      expect((await sb21.ok('documents.get', { uuid: letter.documentUuid })).versions).toHaveLength(2);
      writeSignConfig(tsa.url);
      let versions = (await sb21.ok('documents.get', { uuid: letter.documentUuid })).versions;
      for (let i = 0; i < 100 && versions.length < 3; i++) {
        await new Promise((r) => setTimeout(r, 200));
        versions = (await sb21.ok('documents.get', { uuid: letter.documentUuid })).versions;
      }
      expect(versions).toHaveLength(3);
      const report = await sb21.ok('signatures.verify', { versionUuid: versions[2]!.uuid });
      expect(report.timestampPending).toBe(false);
      expect(report.signatures.map((s) => [s.status, s.level, s.timestamp?.valid])).toEqual([['valid', 'B-T', true]]);
      const row = await demo.app.store.reader.get<{ blob_hash: string }>('SELECT blob_hash FROM document_version WHERE uuid = ?', [versions[2]!.uuid]);
      const theirs = pdfsig(fx.write('timestamped.pdf', await demo.app.store.blobs.read(row!.blob_hash)), fx.nssDir);
      expect(theirs.map((s) => s.signatureValidation)).toEqual(['Signature is Valid.']);
      const entry = (await sb21.ok('audit.forObject', { uuid: letter.documentUuid })).find((e) => e.action === 'document.sign_timestamp');
      expect(entry).toMatchObject({ actor: 'sb21', details: { automatic: true } });
      // An open document page learns of the new version (records.changed for this document).
      expect(changed).toContain(letter.documentUuid);
    } finally {
      off();
      await background.stop();
    }
  });
});
