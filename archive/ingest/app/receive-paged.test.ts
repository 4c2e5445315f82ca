import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivObject } from '../../../contract/methods/archiv';
import { seededIds } from '../../../core/platform/ids';
import { openDemoApp, type DemoApp, type DemoSession } from '../../../test/helpers/demo-app';
import { readMessage } from '../../xdomea/index';
import { local, xmllintValidate, xpathCount } from '../../xdomea/testing/system-xmllint';
import { manyObjects0503 } from '../testing/many-objects';

// More objects than one page of the API (200) and than one page the register reads at a time (500).
const AKTEN = 26;
const PER_AKTE = 20;
const ids = seededIds(90);

let dir: string;
let app: DemoApp;
let archivist: DemoSession;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ingest-paged-'));
  app = await openDemoApp();
  archivist = await app.login('archiv');
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const package0503 = (name: string, empty?: [number, number]) =>
  manyObjects0503(path.join(dir, name), ids, { akten: AKTEN, perAkte: PER_AKTE, ...(empty ? { empty } : {}) });

/** Every object of a receipt, page after page as the Übernahme page loads them. */
async function allPages(receiptId: string, first: readonly ArchivObject[], total: number) {
  const objects = [...first];
  while (objects.length < total) {
    const page = await archivist.ok('archiv.get', { receiptId, offset: objects.length });
    expect(page.objectsOffset).toBe(objects.length);
    expect(page.objects.length).toBeGreaterThan(0);
    objects.push(...page.objects);
  }
  return objects;
}

describe('a 0503 with many objects in the register', () => {
  it('answers with the counts and the first page, pages through the tree and reports the bad file in its object', async () => {
    const p = await package0503('bad', [13, 7]);
    const received = await archivist.ok('archiv.receive', { source: { kind: 'path', path: p.folder } });
    expect(received.status).toBe('error');
    expect(received.counts).toMatchObject({ akten: AKTEN, dokumente: AKTEN * PER_AKTE, primaerdateien: AKTEN * PER_AKTE });
    expect(received.objectsTotal).toBe(AKTEN * (PER_AKTE + 1));
    expect(received.objects).toHaveLength(200);

    const objects = await allPages(received.receiptId, received.objects, received.objectsTotal);
    expect(objects).toHaveLength(received.objectsTotal);
    // Preorder: each Akte, then its Dokumente one level below, in the order of the message.
    expect(objects.filter((o) => o.depth === 0).map((o) => o.xdomeaUuid)).toEqual(p.akten.map((a) => a.xdomeaUuid));
    const akte13 = objects.findIndex((o) => o.xdomeaUuid === p.akten[13]!.xdomeaUuid);
    expect(objects.slice(akte13 + 1, akte13 + 1 + PER_AKTE).map((o) => [o.kind, o.depth, o.xdomeaUuid])).toEqual(
      p.akten[13]!.documents!.map((d) => ['dokument', 1, d.xdomeaUuid]),
    );
    const flagged = objects.filter((o) => o.status !== 'ok');
    expect(flagged.map((o) => o.xdomeaUuid)).toEqual([p.bad!.dokument]);
    expect(flagged[0]!.files[0]!.findings.map((f) => f.code)).toEqual(['file_empty']);
    expect(objects.indexOf(flagged[0]!)).toBeGreaterThanOrEqual(200); // beyond the first page

    // The 0506 names the bad file under its top-level Akte; the others are not imported either.
    await mkdir(path.join(dir, 'answers'));
    const confirmed = await archivist.ok('archiv.confirm', { prozessId: p.prozessId, outDir: path.join(dir, 'answers') });
    expect(confirmed.accepted).toBe(false);
    const answerXml = await readFile(confirmed.importConfirmation.path);
    // Built from the register page by page, still one schema-valid message (system xmllint, official XSD).
    const validity = xmllintValidate(answerXml.toString('utf8'));
    expect(validity.valid, validity.output).toBe(true);
    const answer = readMessage(answerXml).message;
    if (answer.type !== '0506') throw new Error('not a 0506');
    expect(answer.results).toHaveLength(AKTEN);
    const result = answer.results.find((r) => r.xdomeaUuid === p.bad!.akte)!;
    expect(result.errorMessages).toEqual([`${p.bad!.dokument} file_empty`]);
    expect(answer.results.filter((r) => r !== result).every((r) => r.errorMessages?.[0]?.startsWith('not imported'))).toBe(true);
    expect((await archivist.fails('archiv.package', { prozessId: p.prozessId })).code).toBe('archiv.not_accepted');
  });

  it('packages a clean one with every object nested in METS, read from the register page by page', async () => {
    const p = await package0503('clean');
    const received = await archivist.ok('archiv.receive', { source: { kind: 'path', path: p.folder } });
    expect(received.status).toBe('ok');
    const out = path.join(dir, 'repo');
    await mkdir(out);
    const bag = (await archivist.ok('archiv.package', { prozessId: p.prozessId, outDir: out })).path;
    for (const manifest of ['manifest-sha256.txt', 'tagmanifest-sha256.txt'])
      expect(spawnSync('sha256sum', ['--strict', '--quiet', '-c', manifest], { cwd: bag }).status).toBe(0);
    const mets = path.join(bag, 'data/metadata/mets.xml');
    const akte = `//${local('structMap', 'div', 'div')}[@TYPE="Akte"]`;
    expect(xpathCount(mets, akte)).toBe(AKTEN);
    expect(xpathCount(mets, `${akte}/${local('div')}[@TYPE="Dokument"]`)).toBe(AKTEN * PER_AKTE);
    expect(xpathCount(mets, `${akte}/${local('div')}/${local('fptr')}`)).toBe(AKTEN * PER_AKTE);
    // The last Akte's last Dokument sits inside it (the divs were closed by depth across register pages).
    const last = p.akten.at(-1)!;
    expect(
      xpathCount(mets, `${akte}[@ID="OBJ-${last.xdomeaUuid}"]/${local('div')}[@ID="OBJ-${last.documents!.at(-1)!.xdomeaUuid}"]`),
    ).toBe(1);
  });
});
