import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from './file-checks';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ingest-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes an image with ImageMagick and reads size and resolution back with identify, independently of us. */
async function image(name: string, dpi: number): Promise<{ bytes: Buffer; width: number; height: number }> {
  const file = path.join(dir, name);
  execFileSync('convert', [
    '-size',
    '120x80',
    'xc:white',
    '-units',
    'PixelsPerInch',
    '-density',
    String(dpi),
    file,
  ]);
  const [width, height] = execFileSync('identify', ['-format', '%w %h', file], { encoding: 'utf8' })
    .split(' ')
    .map(Number);
  return { bytes: await readFile(file), width: width!, height: height! };
}

describe('checkFile', () => {
  it.each([
    ['scan.png', 'fmt/13'],
    ['scan.jpg', 'fmt/43'],
    ['scan.tif', 'fmt/353'],
  ])('identifies %s as %s and reads its size and resolution', async (name, puid) => {
    const { bytes, width, height } = await image(name, 300);
    const check = checkFile(name, bytes);
    expect(check.format?.puid).toBe(puid);
    expect(check.image).toEqual({ width, height, dpi: 300 });
    expect(check.findings).toEqual([]);
  });

  it('warns about a low resolution and a name that lies about the content', async () => {
    const { bytes } = await image('low.png', 72);
    const check = checkFile('low.pdf', bytes);
    expect(check.findings.map((f) => f.code)).toEqual(['extension_mismatch', 'image_resolution_low']);
  });

  it('fails a truncated image and an empty file', async () => {
    const { bytes } = await image('cut.png', 300);
    expect(checkFile('cut.png', bytes.subarray(0, 20)).findings.map((f) => f.code)).toEqual([
      'image_unreadable',
    ]);
    expect(checkFile('empty.txt', Buffer.alloc(0)).findings.map((f) => f.code)).toContain('file_empty');
  });

  it('tells UTF-8 text from other bytes', () => {
    expect(checkFile('a.txt', Buffer.from('Bürgeramt\n', 'utf8')).encoding).toBe('utf-8');
    expect(checkFile('a.txt', Buffer.from([0x42, 0xfc, 0x72])).format).toBeUndefined();
  });
});
