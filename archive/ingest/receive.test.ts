import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededIds } from '../../core/platform/ids';
import { messageFileName } from '../xdomea/index';
import { example, xmllintValidate, xpathCount } from '../xdomea/testing/system-xmllint';
import { buildRawZip } from '../zip/testing/raw-zip';
import { receivePackage, walkNodes, type IngestReport } from './report-tree';
import { manyObjects0503 } from './testing/many-objects';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ingest-receive-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lavnrw = example(
  'lavnrw-v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
);
const lavnrwFile = example('lavnrw-v3.0.0/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt');
const thueringen = example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Aussonderung.0503.xml');
const lavnrwV4 = example('lavnrw-v4.0.0/518c7c31-d1a0-11ef-accb-005056871b7c_0503_1.xml');

/** Builds a ZIP with Info-ZIP from the given files, as the example's Makefile does. */
function zipOf(zipName: string, files: readonly string[]): string {
  const zipPath = path.join(dir, zipName);
  execFileSync('zip', ['-j', '-q', zipPath, ...files]);
  return zipPath;
}

/** Counts straight from the XML, independent of our reader. */
function xmlCounts(file: string) {
  const count = (name: string) => xpathCount(file, `//*[local-name()="${name}"]`);
  return {
    akten: count('Akte'),
    vorgaenge: count('Vorgang'),
    dokumente: count('Dokument'),
    versionen: xpathCount(file, '//*[local-name()="Dokument"]/*[local-name()="Version"]'),
    formate: count('Format'),
    primaerdateien: count('Primaerdokument'),
  };
}

const findingCodes = (report: IngestReport): string[] => {
  const codes = report.packageFindings.map((f) => f.code);
  walkNodes(report.objects, (n) => {
    codes.push(...n.findings.map((f) => f.code));
    n.versions.forEach((v) => v.formats.forEach((f) => codes.push(...f.findings.map((x) => x.code))));
  });
  return codes;
};

describe('receivePackage', () => {
  it('reads the LAV NRW 3.0.0 example ZIP with its object tree, hash and format', async () => {
    const zipPath = zipOf('9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.zip', [
      lavnrw,
      lavnrwFile,
    ]);
    const report = await receivePackage(zipPath, path.join(dir, 'work'));

    expect(report.refused).toBeUndefined();
    expect(report.version).toBe('3.0.0');
    expect(report.prozessId).toBe('9fde4e7a-b41b-11ec-9225-005056871b7c');
    expect(report.counts).toEqual(xmlCounts(lavnrw));
    expect(report.packageFindings).toEqual([]);
    const formats = report.objects.flatMap(function all(n): (typeof n.versions)[number]['formats'][number][] {
      return [...n.versions.flatMap((v) => v.formats), ...n.children.flatMap(all)];
    });
    expect(formats).toHaveLength(1);
    const file = formats[0]!.file;
    const expected = execFileSync('sha256sum', [lavnrwFile], { encoding: 'utf8' }).split(' ')[0];
    expect(file.sha256).toBe(expected);
    expect(await readFile(file.path!)).toEqual(await readFile(lavnrwFile));
    expect(file.format?.puid).toBe('x-fmt/111');
    expect(report.status).toBe('ok');
  });

  it('reads an unpacked folder the same way', async () => {
    const folder = path.join(dir, 'in');
    await mkdir(folder);
    await copyFile(lavnrw, path.join(folder, path.basename(lavnrw)));
    await copyFile(lavnrwFile, path.join(folder, path.basename(lavnrwFile)));
    const report = await receivePackage(folder, path.join(dir, 'work'));
    expect(report.counts).toEqual(xmlCounts(lavnrw));
    expect(report.status).toBe('ok');
  });

  it('compares the files with a sha256sum manifest beside the message and names the changed one', async () => {
    const folder = path.join(dir, 'in');
    await mkdir(folder);
    await copyFile(lavnrw, path.join(folder, path.basename(lavnrw)));
    await copyFile(lavnrwFile, path.join(folder, path.basename(lavnrwFile)));
    // The manifest is written by GNU sha256sum, independent of our hashing.
    const manifest = execFileSync('sha256sum', [path.basename(lavnrw), path.basename(lavnrwFile)], {
      cwd: folder,
      encoding: 'utf8',
    });
    const manifestPath = path.join(folder, path.basename(lavnrw).replace(/\.xml$/, '.sha256'));
    await writeFile(manifestPath, manifest);
    const intact = await receivePackage(folder, path.join(dir, 'work'));
    expect(findingCodes(intact)).toEqual([]);
    expect(intact.status).toBe('ok');

    await writeFile(path.join(folder, path.basename(lavnrwFile)), 'changed after the manifest was written\n');
    const tampered = await receivePackage(folder, path.join(dir, 'work2'));
    expect(findingCodes(tampered)).toEqual(['checksum_mismatch']);
    expect(tampered.status).toBe('error');
  });

  it('reports the Thüringen 0503 whose PDF is not supplied as a missing file on its Dokument', async () => {
    const folder = path.join(dir, 'in');
    await mkdir(folder);
    await copyFile(thueringen, path.join(folder, path.basename(thueringen)));
    const report = await receivePackage(folder, path.join(dir, 'work'));
    expect(report.version).toBe('3.0.0');
    expect(report.counts).toEqual(xmlCounts(thueringen));
    expect(findingCodes(report)).toEqual(['file_missing']);
    const [dokument] = report.objects;
    expect(dokument?.kind).toBe('dokument');
    expect(dokument?.status).toBe('error');
  });

  it('refuses xdomea 4.0.0 with a clear code', async () => {
    const folder = path.join(dir, 'in');
    await mkdir(folder);
    await copyFile(
      lavnrwV4,
      path.join(folder, '518c7c31-d1a0-11ef-accb-005056871b7c_Aussonderung.Aussonderung.0503.xml'),
    );
    const report = await receivePackage(folder, path.join(dir, 'work'));
    expect(report.refused).toEqual({ code: 'xdomea.unsupported_version', params: { version: '4.0.0' } });
    expect(report.objects).toEqual([]);
  });

  it('refuses a well-formed 0503 that the XSD rejects, though its objects stream alongside the check, and clears none of its files', async () => {
    const valid = await manyObjects0503(path.join(dir, 'gueltig'), seededIds(7), { akten: 3, perAkte: 4 });
    const invalid = await manyObjects0503(path.join(dir, 'ungueltig'), seededIds(8), { akten: 3, perAkte: 4 });
    const message = path.join(invalid.folder, messageFileName(invalid.prozessId, '0503'));
    const xml = await readFile(message, 'utf8');
    // An element the schema does not know, in the last Dokument: the stream reads past it.
    const at = xml.lastIndexOf('<xdomea:Betreff>Blatt');
    await writeFile(message, `${xml.slice(0, at)}<xdomea:Unbekannt>x</xdomea:Unbekannt>${xml.slice(at)}`);
    expect(xmllintValidate(await readFile(message, 'utf8')).valid).toBe(false);

    let cleared = 0;
    const refused = await receivePackage(invalid.folder, path.join(dir, 'work-invalid'), { onCleared: () => cleared++ });
    expect(refused.refused?.code).toBe('xdomea.schema_invalid');
    expect(refused.objects).toEqual([]);
    expect(cleared).toBe(0);

    const accepted = await receivePackage(valid.folder, path.join(dir, 'work-valid'), { onCleared: () => cleared++ });
    expect(accepted.status).toBe('ok');
    expect(accepted.counts).toMatchObject({ akten: 3, dokumente: 12, primaerdateien: 12 });
    expect(cleared).toBe(1);
  });

  it('lists extra files and a ZIP named for another ProzessID', async () => {
    const extra = path.join(dir, 'extra.txt');
    await writeFile(extra, 'not named in the message\n');
    const zipPath = zipOf('00000000-0000-4000-8000-000000000000_Aussonderung.Aussonderung.0503.zip', [
      lavnrw,
      lavnrwFile,
      extra,
    ]);
    const report = await receivePackage(zipPath, path.join(dir, 'work'));
    expect(report.packageFindings).toEqual([
      { status: 'error', code: 'prozess_id_mismatch', detail: path.basename(zipPath) },
      { status: 'error', code: 'file_unreferenced', detail: 'extra.txt' },
    ]);
    expect(report.status).toBe('error');
  });

  it('flags both objects that share an xdomea UUID', async () => {
    const xml = (await readFile(lavnrw, 'utf8')).replaceAll(
      '7bf9473a-b4a7-11ec-a407-005056871b7c',
      '67e456ea-b420-11ec-b503-005056871b7c',
    );
    const folder = path.join(dir, 'in');
    await mkdir(folder);
    await writeFile(path.join(folder, path.basename(lavnrw)), xml);
    await copyFile(lavnrwFile, path.join(folder, path.basename(lavnrwFile)));
    const report = await receivePackage(folder, path.join(dir, 'work'));
    expect(findingCodes(report)).toEqual(['duplicate_uuid', 'duplicate_uuid']);
    expect(report.status).toBe('error');
  });

  it('refuses XML entities and zip slip before extracting anything', async () => {
    const xml = (await readFile(lavnrw, 'utf8')).replace(
      '?>',
      '?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    );
    const folder = path.join(dir, 'in');
    await mkdir(folder);
    await writeFile(path.join(folder, path.basename(lavnrw)), xml);
    const xxe = await receivePackage(folder, path.join(dir, 'work-xxe'));
    expect(xxe.refused?.code).toBe('xdomea.doctype_forbidden');

    const slip = path.join(dir, 'slip.zip');
    await writeFile(
      slip,
      buildRawZip([
        { name: path.basename(lavnrw), data: await readFile(lavnrw) },
        { name: '../evil.txt', data: Buffer.from('x') },
      ]),
    );
    const refused = await receivePackage(slip, path.join(dir, 'work-slip'));
    expect(refused.refused?.code).toBe('zip.unsafe_entry_name');
    await expect(readFile(path.join(dir, 'evil.txt'))).rejects.toThrow();
  });
});
