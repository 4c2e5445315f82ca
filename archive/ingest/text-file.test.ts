import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTextPieces } from './text-file';

describe('writeTextPieces', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'text-file-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes many pieces in order and reports the hash and size of the bytes on disk', async () => {
    const target = path.join(dir, 'out.xml');
    // More than the stream's buffer, so the writer has to wait for drain; non-ASCII to count bytes, not chars.
    function* pieces() {
      for (let i = 0; i < 20_000; i++) yield `<datei nr="${i}">Übernahme</datei>\n`;
    }
    const written = await writeTextPieces(target, pieces());
    const bytes = await readFile(target);
    expect(bytes.toString('utf8')).toBe([...pieces()].join(''));
    expect(written).toEqual({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('fails when the file cannot be written', async () => {
    await expect(writeTextPieces(path.join(dir, 'missing', 'out.xml'), ['<a/>'])).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
