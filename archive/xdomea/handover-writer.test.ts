import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandoverMessageWriter } from './handover-writer';
import type { Akte, AussonderungMessage } from './model';
import { collectPrimaryFileNames } from './object-tree';
import { akte, aussonderung } from './testing/sample-messages';
import { xmllintValidate } from './testing/system-xmllint';
import { writeMessage } from './write/write-message';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'xdomea-handover-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The sample Akte again under fresh UUIDs, so a message can hold many distinct objects. */
function copyOf(n: number): Akte {
  const json = JSON.stringify(akte).replace(/([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-)([0-9a-f]{12})/g, (_m, head: string) =>
    `${head}${n.toString(16).padStart(12, '0')}`,
  );
  return JSON.parse(json) as Akte;
}

async function streamed(message: AussonderungMessage, file: string) {
  const { objects, ...frame } = message;
  const writer = await HandoverMessageWriter.open(path.join(dir, file), frame);
  for (const o of objects) await writer.add(o);
  return writer.finish();
}

describe('HandoverMessageWriter', () => {
  it('writes the same bytes as the in-memory writer, valid against the official 3.1.0 schema', async () => {
    const written = await streamed(aussonderung, 'one.xml');
    const bytes = await readFile(written.path);
    expect(bytes.toString('utf8')).toBe(writeMessage(aussonderung));
    expect(written.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(written.size).toBe(bytes.byteLength);
    expect(xmllintValidate(bytes.toString('utf8'), '3.1.0').valid).toBe(true);
    expect(written.primaryFiles).toEqual(collectPrimaryFileNames([...(aussonderung.coverLetters ?? []), ...aussonderung.objects]));
  });

  it('writes a message of many objects as one valid document', async () => {
    const message: AussonderungMessage = { ...aussonderung, objects: Array.from({ length: 40 }, (_, i) => copyOf(i + 1)) };
    const written = await streamed(message, 'many.xml');
    const xml = await readFile(written.path, 'utf8');
    expect(xml).toBe(writeMessage(message));
    expect(xmllintValidate(xml, '3.1.0').valid).toBe(true);
    expect(xml.match(/<xdomea:Schriftgutobjekt>/g)).toHaveLength(40);
  });

  it('refuses a message without objects and leaves no file behind', async () => {
    const { objects: _none, ...frame } = aussonderung;
    const writer = await HandoverMessageWriter.open(path.join(dir, 'empty.xml'), frame);
    await expect(writer.finish()).rejects.toMatchObject({ code: 'xdomea.invalid_input' });
    expect(existsSync(path.join(dir, 'empty.xml'))).toBe(false);
  });

  it('never overwrites an existing file', async () => {
    const { objects: _none, ...frame } = aussonderung;
    await expect(HandoverMessageWriter.open(path.join(dir, 'one.xml'), frame)).rejects.toThrow(/EEXIST/);
  });
});
