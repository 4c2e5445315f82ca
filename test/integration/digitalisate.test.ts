import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAN_WORD, writeScanBatch } from '../../archive/digitalisate/testing/scan-batch';
import { saveUpload, uploadPath } from '../../core/store/uploads';
import { local, xpathCount, xpathString } from '../../archive/xdomea/testing/system-xmllint';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/** Digitalisate: a scan batch from the archive's scanner becomes a unit and a BagIt/METS/PREMIS package. */

let demo: DemoApp;
let archiv: DemoSession;
const work = tempDir('eakte-digitalisate-');
const batch = join(work.path, 'batch');
let scans: string[];

const FIELDS = {
  bestand: 'A 12 Ratsprotokolle',
  signatur: 'Nr. 47',
  titel: 'Protokolle des Stadtrats',
  laufzeit: '1901 – 1903',
  provenienz: 'Stadtrat',
};

beforeAll(async () => {
  mkdirSync(batch);
  scans = writeScanBatch(batch);
  // Not masters: a lossy JPEG and a text file in the same batch folder.
  execFileSync('convert', ['-size', '40x40', 'xc:white', join(batch, 'scan-0004.jpg')]);
  execFileSync('convert', ['-size', '40x40', 'xc:#808080', '-compress', 'JPEG', join(batch, 'scan-0005.tif')]);
  // A scan cut short in transfer.
  writeFileSync(join(batch, 'scan-0006.png'), readFileSync(scans[0]!).subarray(0, 200));
  writeFileSync(join(batch, 'notiz.txt'), 'keine Seite');
  demo = await openDemoApp();
  archiv = await demo.login('archiv');
}, 60_000);
afterAll(async () => {
  await demo.close();
  work.remove();
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const identify = (file: string, format: string) =>
  execFileSync('identify', ['-units', 'PixelsPerInch', '-format', format, file], { encoding: 'utf8' });
const sha256sumCheck = (bag: string, manifest: string) =>
  spawnSync('sha256sum', ['--strict', '-c', manifest], { cwd: bag, encoding: 'utf8' });

describe('Digitalisate', () => {
  let unitId: string;

  it('creates a unit with its descriptive metadata; a taken Signatur and a bad Laufzeit are refused', async () => {
    const unit = await archiv.ok('digitalisate.createUnit', FIELDS);
    unitId = unit.unitId;
    expect(unit).toMatchObject({ ...FIELDS, laufzeit: '1901-1903', pageCount: 0, submission: null });
    expect((await archiv.fails('digitalisate.createUnit', FIELDS)).code).toBe('digitalisate.signatur_taken');
    const bad = await archiv.fails('digitalisate.createUnit', { ...FIELDS, signatur: 'Nr. 48', laufzeit: '1903-1901' });
    expect(bad).toMatchObject({ code: 'digitalisate.bad_laufzeit' });
    expect(bad.message).toContain('1903-1901');
  });

  it('is for archivists only', async () => {
    for (const user of ['sb21', 'poststelle', 'admin']) {
      const s = await demo.login(user);
      expect((await s.fails('digitalisate.createUnit', { ...FIELDS, signatur: 'Nr. 99' })).code).toBe('access.denied');
      expect((await s.fails('digitalisate.package', { unitId })).code).toBe('access.denied');
      expect((await s.fails('digitalisate.list', {})).code).toBe('access.denied');
    }
  });

  it('takes the lossless scans of a batch folder as masters with their technical metadata, refusing the rest', async () => {
    const { unit, rejected } = await archiv.ok('digitalisate.addPages', { unitId, paths: [batch] });
    expect(rejected.map((r) => [r.fileName, r.code])).toEqual([
      ['notiz.txt', 'digitalisate.not_lossless'],
      ['scan-0004.jpg', 'digitalisate.not_lossless'],
      ['scan-0005.tif', 'digitalisate.not_lossless'],
      ['scan-0006.png', 'intake.image_broken'],
    ]);
    expect(rejected[2]!.message).toContain('TIFF mit JPEG-Kompression');
    expect(rejected[1]!.message).toContain('TIFF oder PNG');
    expect(existsSync(join(batch, 'scan-0004.jpg'))).toBe(true);
    expect(unit.pages.map((p) => [p.position, p.fileName, p.puid, p.colour])).toEqual([
      [1, 'scan-0001.png', 'fmt/13', 'grey'],
      [2, 'scan-0002.tif', 'fmt/353', 'colour'],
      [3, 'scan-0003.png', 'fmt/13', 'bitonal'],
    ]);
    for (const [i, file] of scans.entries()) {
      const [w, h, dpi] = identify(file, '%w %h %x').split(' ').map(Number);
      expect(unit.pages[i]).toMatchObject({ width: w, height: h, dpi: Math.round(dpi!), sha256: sha256(file) });
    }
    const { thumbnail } = await archiv.ok('digitalisate.pageThumbnail', { unitId, position: 1 });
    const preview = join(work.path, 'preview.png');
    writeFileSync(preview, Buffer.from(thumbnail.replace(/^data:image\/png;base64,/, ''), 'base64'));
    expect(identify(preview, '%m %w %h')).toBe('PNG 160 40');
  });

  let bag: string;
  it('packages the unit as a BagIt bag that checks out with sha256sum, masters byte-identical', async () => {
    const out = join(work.path, 'out');
    mkdirSync(out);
    const r = await archiv.ok('digitalisate.package', { unitId, outDir: out });
    bag = r.path;
    expect(r).toMatchObject({ path: join(out, unitId), repeated: false, target: 'dips-kommunal-bagit' });
    expect(readFileSync(join(bag, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    expect(sha256sumCheck(bag, 'manifest-sha256.txt').status).toBe(0);
    expect(sha256sumCheck(bag, 'tagmanifest-sha256.txt').status).toBe(0);
    const listed = readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8').trim().split('\n').map((l) => l.slice(66));
    const onDisk = execFileSync('find', ['data', '-type', 'f'], { cwd: bag, encoding: 'utf8' }).trim().split('\n');
    expect(listed.sort()).toEqual(onDisk.sort());
    for (const [i, file] of scans.entries())
      expect(readFileSync(join(bag, 'data/master', `000${i + 1}_${file.split('/').pop()}`))).toEqual(readFileSync(file));
    // The access copy is a PDF qpdf accepts, with the OCR'd word as text.
    const access = join(bag, 'data/access/Nr._47.pdf');
    expect(spawnSync('qpdf', ['--check', access]).status).toBe(0);
    expect(execFileSync('pdftotext', [access, '-'], { encoding: 'utf8' })).toContain(SCAN_WORD);
    expect(sha256sumCheck(bag, 'manifest-sha256.txt').status).toBe(0);
    expect((await archiv.ok('digitalisate.package', { unitId, outDir: out })).repeated).toBe(true);
  }, 120_000);

  it('writes METS with the structure Bestand → VE → pages and PREMIS with a fixity event per file', () => {
    const mets = join(bag, 'data/metadata/mets.xml');
    const premis = join(bag, 'data/metadata/premis.xml');
    execFileSync('xmllint', ['--noout', '--nonet', mets, premis]);
    expect(xpathString(mets, 'namespace-uri(/*)')).toBe('http://www.loc.gov/METS/');
    expect(xpathString(premis, 'namespace-uri(/*)')).toBe('http://www.loc.gov/premis/v3');
    const ve = `//${local('structMap', 'div')}[@TYPE="Bestand"]/${local('div')}[@TYPE="Verzeichnungseinheit"]`;
    expect(xpathString(mets, `string(//${local('structMap', 'div')}/@LABEL)`)).toBe(FIELDS.bestand);
    expect(xpathCount(mets, `${ve}/${local('div')}[@TYPE="page"]`)).toBe(3);
    expect(xpathString(mets, `string(//*[local-name()="identifier"])`)).toBe(FIELDS.signatur);
    expect(xpathString(mets, `string(//*[local-name()="temporal"])`)).toBe('1901-1903');
    expect(xpathCount(mets, `//${local('fileGrp')}[@USE="MASTER"]/${local('file')}`)).toBe(3);
    expect(xpathCount(mets, `//${local('fileGrp')}[@USE="ACCESS"]/${local('file')}`)).toBe(1);
    expect(xpathString(mets, `string(//*[local-name()="techMD"][@ID="TECH-PAGE-2"]//*[local-name()="colorSpace"])`)).toBe('RGB');
    const files = xpathCount(mets, `//${local('file')}`);
    for (let i = 1; i <= files; i++) {
      const id = xpathString(mets, `string((//${local('file')})[${i}]/@ID)`);
      const href = xpathString(mets, `string((//${local('file')})[${i}]/${local('FLocat')}/@*[local-name()="href"])`);
      expect(existsSync(join(bag, 'data', href))).toBe(true);
      const fixity = `//${local('event')}[${local('eventType')}="fixity check"][.//${local('linkingObjectIdentifierValue')}="${id}"]`;
      expect(xpathCount(premis, fixity)).toBe(1);
    }
  });

  it('takes a multi-page TIFF as one master of several pages and packages again beside the first bag', async () => {
    const more = join(work.path, 'more');
    mkdirSync(more);
    const tiff = join(more, 'band-2.tif');
    execFileSync('convert', [scans[2]!, scans[2]!, '-units', 'PixelsPerInch', '-density', '300', '-compress', 'Group4', tiff]);
    const { unit } = await archiv.ok('digitalisate.addPages', { unitId, paths: [more] });
    expect(unit.pages.slice(3).map((p) => [p.position, p.fileName, p.pageInFile, p.colour, p.sha256])).toEqual([
      [4, 'band-2.tif', 0, 'bitonal', sha256(tiff)],
      [5, 'band-2.tif', 1, 'bitonal', sha256(tiff)],
    ]);
    const r = await archiv.ok('digitalisate.package', { unitId, outDir: join(work.path, 'out') });
    expect(r.path).toBe(join(work.path, 'out', `${unitId}.2`));
    expect(sha256sumCheck(r.path, 'manifest-sha256.txt').status).toBe(0);
    expect(readFileSync(join(r.path, 'data/master/0004_band-2.tif'))).toEqual(readFileSync(tiff));
    const mets = join(r.path, 'data/metadata/mets.xml');
    const fileOf = (page: number) =>
      xpathString(mets, `string(//${local('div')}[@ID="PAGE-${page}"]/${local('fptr')}/@FILEID)`);
    expect(fileOf(5)).toBe(fileOf(4));
    expect(xpathCount(mets, `//${local('fileGrp')}[@USE="MASTER"]/${local('file')}`)).toBe(4);
    expect((await archiv.ok('digitalisate.get', { unitId })).submission).toMatchObject({ path: r.path, pages: 5 });
  }, 120_000);

  it('takes scans uploaded by this archivist (browser mode) and removes the staged copies', async () => {
    const upload = (owner: string, file: string) =>
      saveUpload(demo.dataDir, { owner, fileName: basename(file), body: createReadStream(file), maxBytes: 1 << 30 });
    const foreign = await upload('sb21', scans[1]!);
    const before = (await archiv.ok('digitalisate.get', { unitId })).pageCount;
    expect((await archiv.fails('digitalisate.addPages', { unitId, uploads: [foreign] })).code).toBe('intake.upload_not_found');
    const mine = [await upload('archiv', scans[0]!), await upload('archiv', join(batch, 'scan-0004.jpg'))];
    const { unit, rejected } = await archiv.ok('digitalisate.addPages', { unitId, uploads: mine });
    expect(rejected.map((r) => [r.fileName, r.code])).toEqual([['scan-0004.jpg', 'digitalisate.not_lossless']]);
    expect(unit.pages.slice(before).map((p) => [p.position, p.fileName, p.sha256])).toEqual([[before + 1, 'scan-0001.png', sha256(scans[0]!)]]);
    for (const id of mine) await expect(uploadPath(demo.dataDir, id, 'archiv')).rejects.toMatchObject({ code: 'intake.upload_not_found' });
    expect(await uploadPath(demo.dataDir, foreign, 'sb21')).toContain(basename(scans[1]!));
  });

  it('is in the archive’s fixity runs: unchanged first, then a changed master shows', async () => {
    const clean = await archiv.ok('archiv.fixityRun', {});
    const units = clean.results.filter((r) => r.kind === 'digitalisat');
    expect(units.map((r) => [r.prozessId, r.outcome])).toEqual([
      [unitId, 'ok'],
      [unitId, 'ok'],
    ]);
    writeFileSync(join(bag, 'data/master/0002_scan-0002.tif'), 'überschrieben');
    const run = await archiv.ok('archiv.fixityRun', {});
    expect(run.results.find((r) => r.kind === 'digitalisat' && r.path === bag)).toMatchObject({
      outcome: 'changed',
      changes: [{ file: 'data/master/0002_scan-0002.tif', change: 'changed' }],
    });
    expect((await archiv.ok('archiv.fixityRuns', { limit: 1 }))[0]!.results).toEqual(run.results);
  });
});
