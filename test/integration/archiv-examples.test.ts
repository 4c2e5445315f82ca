import { cpSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, xpathCount } from '../../archive/xdomea/testing/system-xmllint';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * The Archiv API on other vendors' messages (the shared examples of two state archives, xdomea 3.0.0):
 * object counts as xmllint counts them, the appraisal comparison with the Thüringen toolkit's own 0502,
 * and 4.0.0 refused with a German reason.
 */

let demo: DemoApp;
let archivist: DemoSession;
const work = tempDir('eakte-archiv-examples-');

beforeAll(async () => {
  demo = await openDemoApp();
  archivist = await demo.login('archiv');
});
afterAll(async () => {
  await demo.close();
  work.remove();
});

const folderOf = (name: string, files: readonly string[]): string => {
  const folder = join(work.path, name);
  mkdirSync(folder);
  for (const f of files) cpSync(f, join(folder, basename(f)));
  return folder;
};

/** Counts straight from the XML, independent of our reader. */
const xmlCounts = (file: string) => {
  const count = (name: string) => xpathCount(file, `//*[local-name()="${name}"]`);
  return {
    akten: count('Akte'),
    vorgaenge: count('Vorgang'),
    dokumente: count('Dokument'),
    versionen: xpathCount(file, '//*[local-name()="Dokument"]/*[local-name()="Version"]'),
    formate: count('Format'),
    primaerdateien: count('Primaerdokument'),
  };
};

describe('shared example messages through the Archiv API', () => {
  it('receives the LAV NRW 0503 with the counts xmllint finds and nothing to object to', async () => {
    const message = example(
      'lavnrw-v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
    );
    const folder = folderOf('lavnrw', [
      message,
      example('lavnrw-v3.0.0/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt'),
    ]);
    const d = await archivist.ok('archiv.receive', { source: { kind: 'path', path: folder } });
    expect(d).toMatchObject({
      xdomeaVersion: '3.0.0',
      status: 'ok',
      refused: null,
      counts: xmlCounts(message),
    });
    expect(d.objects.map((o) => o.kind)).toEqual(['vorgang', 'dokument']);
  });

  it('compares the Thüringen 0503 with the toolkit’s own 0502 and says in German what is wrong', async () => {
    const message = example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Aussonderung.0503.xml');
    const d = await archivist.ok('archiv.receive', {
      source: { kind: 'path', path: folderOf('thueringen', [message]) },
    });
    expect(d.counts).toEqual(xmlCounts(message));
    expect(d.appraisalKnown).toBe(false);
    const recorded = await archivist.ok('archiv.recordAppraisal', {
      source: {
        kind: 'path',
        path: example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Bewertungsverzeichnis.0502.xml'),
      },
    });
    expect(recorded.prozessId).toBe(d.prozessId);

    // The 0502 recorded after the receipt still applies when the receipt is read.
    const compared = await archivist.ok('archiv.get', { receiptId: d.receiptId });
    expect(compared.appraisalKnown).toBe(true);
    expect(compared.packageFindings.map((f) => [f.code, f.text])).toEqual([
      [
        'archival_object_missing',
        'Das als archivwürdig (A) bewertete Objekt cbdbfccc-72e5-44b2-9e71-937e6f4f8ce9 fehlt in der Aussonderung.',
      ],
    ]);
    expect(compared.objects[0]!.findings.map((f) => f.code)).toEqual(['not_appraised']);
    // The count covers the whole receipt (the page here holds all of this small example's objects).
    expect(compared.objects).toHaveLength(compared.objectsTotal);
    const notAppraised = compared.objects.filter((o) => o.findings.some((f) => f.code === 'not_appraised'));
    expect(compared.appraisalFindings).toBe(notAppraised.length + 1);
    expect(compared.status).toBe('error');
  });

  it('refuses xdomea 4.0.0 with a German reason and keeps the refusal', async () => {
    const folder = join(work.path, 'v4');
    mkdirSync(folder);
    cpSync(
      example('lavnrw-v4.0.0/518c7c31-d1a0-11ef-accb-005056871b7c_0503_1.xml'),
      join(folder, '518c7c31-d1a0-11ef-accb-005056871b7c_Aussonderung.Aussonderung.0503.xml'),
    );
    const d = await archivist.ok('archiv.receive', { source: { kind: 'path', path: folder } });
    expect(d.refused?.code).toBe('xdomea.unsupported_version');
    expect(d.refused?.text).toMatch(/4\.0\.0/);
    expect(d.objects).toEqual([]);
    expect((await archivist.ok('archiv.list', {})).map((r) => r.receiptId)).toContain(d.receiptId);
  });
});
