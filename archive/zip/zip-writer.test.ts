import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSafeZip, writeZip, type ZipWriteEntry } from './index';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zip-writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const modifiedAt = new Date('2025-01-15T12:00:00Z');

/** Pseudo-random bytes produced on demand, so a large entry never exists in memory as a whole. */
function generated(totalBytes: number, seed: number): Readable {
  let produced = 0;
  let state = seed;
  return new Readable({
    read() {
      if (produced >= totalBytes) return this.push(null);
      const chunk = Buffer.alloc(Math.min(1024 * 1024, totalBytes - produced));
      for (let i = 0; i < chunk.length; i += 4) {
        state = (state * 1664525 + 1013904223) >>> 0;
        chunk.writeUInt32LE(state, i);
      }
      produced += chunk.length;
      this.push(chunk);
    },
  });
}

describe('writeZip', () => {
  it('writes files, bytes and streams that Info-ZIP accepts and extracts unchanged', async () => {
    const pdfPath = path.join(dir, 'source.pdf');
    const pdf = Buffer.from('%PDF-1.7\n'.repeat(1000));
    await writeFile(pdfPath, pdf);
    const xml = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><a>Grüße</a>\n');
    const target = path.join(dir, 'package.zip');
    const written = await writeZip(
      target,
      [
        { name: 'message.xml', source: { kind: 'bytes', data: xml } },
        {
          name: 'f4bcaaf7-d7cb-11ef-a278-005056871b7c_Bescheid.pdf',
          source: { kind: 'file', path: pdfPath },
          compress: false,
        },
        { name: 'sub/streamed.bin', source: { kind: 'stream', open: () => generated(300_000, 7) } },
      ],
      { modifiedAt },
    );

    const test = spawnSync('unzip', ['-t', target], { encoding: 'utf8' });
    expect(test.status).toBe(0);
    expect(test.stdout).toContain('No errors detected');
    expect(execFileSync('unzip', ['-Z1', target], { encoding: 'utf8' }).trim().split('\n')).toEqual([
      'message.xml',
      'f4bcaaf7-d7cb-11ef-a278-005056871b7c_Bescheid.pdf',
      'sub/streamed.bin',
    ]);
    for (const entry of written.entries) {
      const content = execFileSync('unzip', ['-p', target, entry.name], { maxBuffer: 10 * 1024 * 1024 });
      expect(entry.sha256).toBe(sha256(content));
      expect(entry.size).toBe(content.length);
    }
    expect(execFileSync('unzip', ['-p', target, 'message.xml'])).toEqual(xml);
    const onDisk = await readFile(target);
    expect(written.sha256).toBe(sha256(onDisk));
    expect(written.size).toBe(onDisk.length);
  });

  it('produces the same bytes for the same input', async () => {
    const entries: ZipWriteEntry[] = [
      { name: 'a.txt', source: { kind: 'bytes', data: Buffer.from('eins') } },
      { name: 'b.bin', source: { kind: 'stream', open: () => generated(50_000, 3) } },
    ];
    const first = await writeZip(path.join(dir, 'first.zip'), entries, { modifiedAt });
    const second = await writeZip(path.join(dir, 'second.zip'), entries, { modifiedAt });
    expect(await readFile(first.path)).toEqual(await readFile(second.path));
  });

  it('refuses unsafe and colliding names before writing anything', async () => {
    const bytes = { kind: 'bytes', data: Buffer.from('x') } as const;
    await expect(
      writeZip(path.join(dir, 'x.zip'), [{ name: '../x.txt', source: bytes }], { modifiedAt }),
    ).rejects.toMatchObject({
      code: 'zip.unsafe_entry_name',
    });
    await expect(
      writeZip(
        path.join(dir, 'x.zip'),
        [
          { name: 'A.txt', source: bytes },
          { name: 'a.txt', source: bytes },
        ],
        { modifiedAt },
      ),
    ).rejects.toMatchObject({ code: 'zip.duplicate_entry' });
    await expect(
      writeZip(
        path.join(dir, 'x.zip'),
        [{ name: 'gone.pdf', source: { kind: 'file', path: path.join(dir, 'gone.pdf') } }],
        {
          modifiedAt,
        },
      ),
    ).rejects.toMatchObject({ code: 'zip.source_missing' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves no file behind when a source fails midway', async () => {
    const failing = () =>
      new Readable({
        read() {
          this.destroy(new Error('source broke'));
        },
      });
    await expect(
      writeZip(
        path.join(dir, 'broken.zip'),
        [
          { name: 'ok.txt', source: { kind: 'bytes', data: Buffer.from('fine') } },
          { name: 'bad.bin', source: { kind: 'stream', open: failing } },
        ],
        { modifiedAt },
      ),
    ).rejects.toThrow('source broke');
    expect(await readdir(dir)).toEqual([]);
  });

  it('streams a large entry in and out without holding it in memory', async () => {
    const size = 256 * 1024 * 1024;
    const target = path.join(dir, 'large.zip');
    const peak = { rss: 0 };
    const sample = setInterval(() => (peak.rss = Math.max(peak.rss, process.memoryUsage().rss)), 20);
    const before = process.memoryUsage().rss;
    try {
      const written = await writeZip(
        target,
        [{ name: 'large.bin', source: { kind: 'stream', open: () => generated(size, 11) }, compress: false }],
        { modifiedAt },
      );
      const zip = await openSafeZip(target);
      try {
        const [extracted] = await zip.extractTo(path.join(dir, 'out'));
        expect(extracted!.size).toBe(size);
        expect(extracted!.sha256).toBe(written.entries[0]!.sha256);
      } finally {
        zip.close();
      }
    } finally {
      clearInterval(sample);
    }
    // Holding the entry would need at least its size; streaming needs a few buffers.
    expect(peak.rss - before).toBeLessThan(size / 2);
    expect(spawnSync('unzip', ['-tq', target]).status).toBe(0);
  });
});
