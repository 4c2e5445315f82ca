import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryPages } from 'xmllint-wasm';
import { tempDir } from '../../../test/helpers/temp-dir';
import { runXmllint } from './xmllint-stream';

const dir = tempDir('eakte-xmllint-stream-');
afterAll(() => dir.remove());

// libxml2's smallest memory (the module's initial size), not allowed to grow.
const FIXED = { initial: memoryPages.defaultInitialMemoryPages, maximum: memoryPages.defaultInitialMemoryPages };

describe('xmllint with the document as a device', () => {
  // 150,000 small elements: 1.3 MB of text, but a tree of several times libxml2's 16 MiB.
  const document = `<r>\n${'<e>x</e>\n'.repeat(150_000)}</r>\n`;
  const file = path.join(dir.path, 'many.xml');
  writeFileSync(file, document);

  it('reads a document from a file or memory in pieces, in memory that a tree of it would not fit', async () => {
    for (const input of [{ fileName: 'doc.xml', path: file }, { fileName: 'doc.xml', bytes: Buffer.from(document) }]) {
      const run = await runXmllint(['--noout', '--stream', 'doc.xml'], input, [], FIXED, 10);
      expect(run).toEqual({ exitCode: 0, stderr: '', omittedLines: 0, heapBytes: FIXED.maximum * 64 * 1024 });
    }
    // The control: the same document as a tree needs more than that memory.
    const tree = await runXmllint(['--noout', 'doc.xml'], { fileName: 'doc.xml', path: file }, [], FIXED, 10);
    expect(tree.exitCode).not.toBe(0);
    expect(tree.stderr).toContain('out of memory');
  });

  it('reports where libxml2 finds the document broken, with the line', async () => {
    const broken = path.join(dir.path, 'broken.xml');
    writeFileSync(broken, document.replace('</r>', '</e></r>'));
    const run = await runXmllint(['--noout', '--stream', 'doc.xml'], { fileName: 'doc.xml', path: broken }, [], FIXED, 10);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain(`doc.xml:${document.split('\n').length - 1}:`);
  });

  it('ends with -1 and the reason when the file cannot be read, not with a verdict', async () => {
    const run = await runXmllint(['--noout', '--stream', 'doc.xml'], { fileName: 'doc.xml', path: dir.path }, [], FIXED, 10);
    expect(run.exitCode).toBe(-1);
    expect(run.stderr).toContain('EISDIR');
  });
});
