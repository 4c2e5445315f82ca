import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ZipSource } from '../zip/index';
import { buildRawZip } from '../zip/testing/raw-zip';
import { collectPrimaryFileNames } from './object-tree';
import { readAussonderungPackage, writeAussonderungPackage } from './package';
import { aussonderung } from './testing/sample-messages';
import { example, xmllintValidate } from './testing/system-xmllint';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'xdomea-package-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const fileNames = collectPrimaryFileNames([...(aussonderung.coverLetters ?? []), ...aussonderung.objects]);
const contentOf = (name: string) => Buffer.from(`Inhalt von ${name}\n`.repeat(50));

async function sampleFiles(): Promise<Map<string, ZipSource>> {
  const files = new Map<string, ZipSource>();
  for (const name of fileNames) {
    const source = path.join(dir, `source-${files.size}`);
    await writeFile(source, contentOf(name));
    files.set(name, { kind: 'file', path: source });
  }
  return files;
}

describe('0503 package', () => {
  it('writes a ZIP that Info-ZIP accepts, named and laid out as in the specification', async () => {
    const out = path.join(dir, 'out');
    await mkdir(out);
    const { zip, messageEntry } = await writeAussonderungPackage(out, {
      message: aussonderung,
      files: await sampleFiles(),
    });

    const prozessId = aussonderung.header.prozessId;
    expect(path.basename(zip.path)).toBe(`${prozessId}_Aussonderung.Aussonderung.0503.zip`);
    expect(messageEntry).toBe(`${prozessId}_Aussonderung.Aussonderung.0503.xml`);
    const test = spawnSync('unzip', ['-t', zip.path], { encoding: 'utf8' });
    expect(test.status).toBe(0);
    expect(execFileSync('unzip', ['-Z1', zip.path], { encoding: 'utf8' }).trim().split('\n')).toEqual([
      messageEntry,
      ...fileNames,
    ]);
    const message = execFileSync('unzip', ['-p', zip.path, messageEntry], { encoding: 'utf8' });
    expect(xmllintValidate(message, '3.1.0').valid).toBe(true);
    for (const name of fileNames) {
      expect(execFileSync('unzip', ['-p', zip.path, name])).toEqual(contentOf(name));
    }
  });

  it('is read back into the same message and the same files', async () => {
    const { zip } = await writeAussonderungPackage(dir, {
      message: aussonderung,
      files: await sampleFiles(),
    });
    const read = await readAussonderungPackage(zip.path, path.join(dir, 'ingest'));
    expect(read.version).toBe('3.1.0');
    expect(read.message).toEqual(aussonderung);
    expect(read.unreferenced).toEqual([]);
    expect(read.files.map((f) => [f.name, f.sha256])).toEqual(
      fileNames.map((n) => [n, sha256(contentOf(n))]),
    );
    for (const file of read.files) expect(await readFile(file.path)).toEqual(contentOf(file.name));
  });

  it('writes the same container twice for the same input', async () => {
    const files = await sampleFiles();
    await mkdir(path.join(dir, 'a'));
    await mkdir(path.join(dir, 'b'));
    const first = await writeAussonderungPackage(path.join(dir, 'a'), { message: aussonderung, files });
    const second = await writeAussonderungPackage(path.join(dir, 'b'), { message: aussonderung, files });
    expect(first.zip.sha256).toBe(second.zip.sha256);
  });

  it('refuses to write when a named file is missing or an extra file is given', async () => {
    const files = await sampleFiles();
    const missing = new Map(files);
    missing.delete(fileNames[1]!);
    await expect(
      writeAussonderungPackage(dir, { message: aussonderung, files: missing }),
    ).rejects.toMatchObject({
      code: 'xdomea.package_file_missing',
      params: { file: fileNames[1] },
    });
    const extra = new Map(files).set('b7e1c2d3-1111-4a2b-9c3d-0000000000ff.pdf', {
      kind: 'bytes',
      data: Buffer.from('x'),
    });
    await expect(
      writeAussonderungPackage(dir, { message: aussonderung, files: extra }),
    ).rejects.toMatchObject({
      code: 'xdomea.invalid_input',
    });
    expect((await readdir(dir)).filter((f) => f.endsWith('.zip'))).toEqual([]);
  });

  it('reads the LAV NRW example packed as its Makefile does', async () => {
    const source = example('lavnrw-v3.0.0');
    const xml = '9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml';
    const txt = 'f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt';
    const zipPath = path.join(dir, '9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.zip');
    execFileSync('zip', ['-q', zipPath, xml, txt], { cwd: source });

    const read = await readAussonderungPackage(zipPath, path.join(dir, 'ingest'));
    expect(read.version).toBe('3.0.0');
    expect(read.message.header.prozessId).toBe('9fde4e7a-b41b-11ec-9225-005056871b7c');
    expect(read.files).toHaveLength(1);
    expect(read.files[0]!.name).toBe(txt);
    expect(read.files[0]!.sha256).toBe(sha256(await readFile(path.join(source, txt))));
  });

  it('understands a message named otherwise when it is the only XML, and lists unnamed entries', async () => {
    const src = path.join(dir, 'src');
    await mkdir(src);
    await copyFile(
      example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Aussonderung.0503.xml'),
      path.join(src, 'xx_Aussonderung.Aussonderung.0503.xml'),
    );
    await writeFile(
      path.join(src, 'e8b289cb-f8dd-492a-b3cf-560674eaa92b_PDF-A1b_CMYK_20150731.pdf'),
      '%PDF-1.4 test',
    );
    await writeFile(path.join(src, 'Begleitzettel.txt'), 'nicht in der Nachricht');
    const zipPath = path.join(dir, 'thueringen.zip');
    execFileSync('zip', ['-q', zipPath, ...(await readdir(src))], { cwd: src });

    const read = await readAussonderungPackage(zipPath, path.join(dir, 'ingest'));
    expect(read.files.map((f) => f.name)).toEqual([
      'e8b289cb-f8dd-492a-b3cf-560674eaa92b_PDF-A1b_CMYK_20150731.pdf',
    ]);
    expect(read.unreferenced).toEqual(['Begleitzettel.txt']);
    expect(await readdir(path.join(dir, 'ingest'))).toEqual([
      'e8b289cb-f8dd-492a-b3cf-560674eaa92b_PDF-A1b_CMYK_20150731.pdf',
    ]);
  });

  it('refuses packages without their files, with two messages, or with hostile entries', async () => {
    const lavnrwXml = await readFile(
      example('lavnrw-v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml'),
    );
    const name = '9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml';
    const write = async (file: string, entries: Parameters<typeof buildRawZip>[0]) => {
      await writeFile(path.join(dir, file), buildRawZip(entries));
      return path.join(dir, file);
    };
    await expect(
      readAussonderungPackage(await write('no-file.zip', [{ name, data: lavnrwXml }]), path.join(dir, 'i1')),
    ).rejects.toMatchObject({
      code: 'xdomea.package_file_missing',
      params: { file: 'f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt' },
    });
    await expect(
      readAussonderungPackage(
        await write('two.zip', [
          { name, data: lavnrwXml },
          { name: `0${name.slice(1)}`, data: lavnrwXml },
        ]),
        path.join(dir, 'i2'),
      ),
    ).rejects.toMatchObject({ code: 'xdomea.package_message_missing' });
    await expect(
      readAussonderungPackage(
        await write('slip.zip', [
          { name, data: lavnrwXml },
          { name: '../f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt', data: Buffer.from('x') },
        ]),
        path.join(dir, 'i3'),
      ),
    ).rejects.toMatchObject({ code: 'zip.unsafe_entry_name' });
    await expect(
      readAussonderungPackage(
        await write('xxe.zip', [
          { name, data: Buffer.from(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${lavnrwXml}`) },
        ]),
        path.join(dir, 'i4'),
      ),
    ).rejects.toMatchObject({ code: 'xdomea.doctype_forbidden' });
    expect((await readdir(dir)).filter((f) => f.startsWith('i'))).toEqual([]);
  });
});
