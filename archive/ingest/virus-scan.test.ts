import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp } from '../../test/helpers/demo-app';
import { example, xpathString } from '../xdomea/testing/system-xmllint';
import { clamavScanner } from './virus-scan';

// The EICAR test file (68 bytes), reversed here so this source file itself is no test virus.
const EICAR = '*H+H$!ELIF-TSET-SURIVITNA-DRADNATS-RACIE$}7)CC7)^P(45XZP\\4[PA@%P!P5OX'.split('').reverse().join('');
const lavnrw = example(
  'lavnrw-v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
);
const lavnrwFile = example('lavnrw-v3.0.0/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt');
const prozessId = '9fde4e7a-b41b-11ec-9225-005056871b7c';

let dir: string;
/** ClamAV's own signature format (MD5:size:name); without a network there is no freshclam database. */
let database: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ingest-virus-'));
  database = path.join(dir, 'eicar.hdb');
  await writeFile(database, `${createHash('md5').update(EICAR).digest('hex')}:${EICAR.length}:Eicar-Test-Signature\n`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The LAV NRW example as an unpacked folder, its primary file optionally replaced. */
async function lavnrwFolder(name: string, primary?: string): Promise<string> {
  const folder = path.join(dir, name);
  await mkdir(folder);
  await copyFile(lavnrw, path.join(folder, path.basename(lavnrw)));
  const file = path.join(folder, path.basename(lavnrwFile));
  await (primary === undefined ? copyFile(lavnrwFile, file) : writeFile(file, primary));
  return folder;
}

describe('ClamAV command line scanner', () => {
  it('finds the EICAR test file by its signature and names the file; a clean folder passes', async () => {
    const scanner = clamavScanner({ command: 'clamscan', args: [`--database=${database}`] });
    const infected = await lavnrwFolder('infected', EICAR);
    expect(await scanner.scan(infected)).toEqual({
      outcome: 'fail',
      detail: expect.stringMatching(/^ClamAV \d+\.\d+.*: 1 infected$/),
      infected: [{ entry: path.basename(lavnrwFile), signature: 'Eicar-Test-Signature.UNOFFICIAL' }],
    });
    expect(await scanner.scan(await lavnrwFolder('clean'))).toEqual({
      outcome: 'pass',
      detail: expect.stringMatching(/^ClamAV \d+\.\d+.*: no virus found$/),
    });
  });

  it('reports a scan that could not run as an error, never as clean', async () => {
    const folder = await lavnrwFolder('unscanned');
    const noSignatures = await clamavScanner({
      command: 'clamscan',
      args: [`--database=${path.join(dir, 'missing')}`],
    }).scan(folder);
    expect(noSignatures).toMatchObject({ outcome: 'error', detail: expect.stringContaining('exit 2') });
    const noCommand = await clamavScanner({ command: path.join(dir, 'clamscan') }).scan(folder);
    expect(noCommand).toMatchObject({ outcome: 'error', detail: expect.stringContaining('ENOENT') });
  });
});

describe('virus check in the archive register and the PREMIS events', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await openDemoApp();
  });
  afterAll(() => app.close());

  const configure = (scanner: object | undefined) =>
    writeFile(path.join(app.dataDir, 'archiv.json'), JSON.stringify(scanner ? { virusScanner: scanner } : {}));
  const virusEvent = (bag: string, what: string) =>
    xpathString(
      path.join(bag, 'data/metadata/premis.xml'),
      `string(//*[local-name()="event"][*[local-name()="eventType"]="virus check"]//*[local-name()="${what}"])`,
    );

  it('refuses an infected package with the finding, keeps its message but not the infected file', async () => {
    await configure({ command: 'clamscan', args: [`--database=${database}`] });
    const archivist = await app.login('archiv');
    const r = await archivist.ok('archiv.receive', {
      source: { kind: 'path', path: await lavnrwFolder('register-infected', EICAR) },
    });
    expect(r.status).toBe('error');
    expect(r.packageFindings.map((f) => [f.code, f.detail])).toEqual([
      ['virus_found', `${path.basename(lavnrwFile)}: Eicar-Test-Signature.UNOFFICIAL`],
    ]);
    expect(r.packageFindings[0]!.text).toContain('Virenscanner');
    const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
    expect(await app.app.store.blobs.has(sha(EICAR))).toBe(false);
    expect(await app.app.store.blobs.has(sha(await readFile(lavnrw)))).toBe(true);
  });

  it('writes the scanner outcome into PREMIS, and "not performed" when no scanner is configured', async () => {
    const archivist = await app.login('archiv');
    const bags: Record<string, string> = {};
    for (const [name, scanner] of [
      ['scanned', { command: 'clamscan', args: [`--database=${database}`] }],
      ['unscanned', undefined],
    ] as const) {
      await configure(scanner);
      const r = await archivist.ok('archiv.receive', {
        source: { kind: 'path', path: await lavnrwFolder(`register-${name}`) },
      });
      expect(r.status).not.toBe('error');
      const out = path.join(dir, `repo-${name}`);
      await mkdir(out);
      await archivist.ok('archiv.package', { prozessId, outDir: out });
      bags[name] = path.join(out, prozessId);
    }
    expect(virusEvent(bags.scanned!, 'eventOutcome')).toBe('pass');
    expect(virusEvent(bags.scanned!, 'eventOutcomeDetailNote')).toMatch(/^ClamAV \d+\.\d+.*: no virus found$/);
    expect(virusEvent(bags.unscanned!, 'eventOutcome')).toBe('not performed');
    expect(virusEvent(bags.unscanned!, 'eventOutcomeDetailNote')).toBe('no virus scanner configured');
  });
});
