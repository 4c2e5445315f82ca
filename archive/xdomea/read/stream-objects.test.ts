import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import type { RecordObject } from '../model';
import { aussonderung } from '../testing/sample-messages';
import { example } from '../testing/system-xmllint';
import { writeMessage } from '../write/write-message';
import { readMessage, readMessageHeader } from './read-message';
import { streamMessageObjects, type StreamedObject } from './stream-objects';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const childObjects = (o: RecordObject): RecordObject[] =>
  o.kind === 'akte'
    ? [...(o.documents ?? []), ...(o.vorgaenge ?? []), ...(o.teilakten ?? [])]
    : o.kind === 'vorgang'
      ? [...(o.documents ?? []), ...(o.teilvorgaenge ?? [])]
      : [...(o.attachments ?? [])];

/** The whole-tree reader's objects as (uuid, kind, depth, top-level uuid, own fields without children). */
function fromTree(objects: readonly RecordObject[]): string[] {
  const out: string[] = [];
  const visit = (o: RecordObject, depth: number, top: string) => {
    const { documents: _d, vorgaenge: _v, teilakten: _t, teilvorgaenge: _tv, attachments: _a, ...own } =
      o as RecordObject & Record<string, unknown>;
    out.push(JSON.stringify([depth, top, own]));
    childObjects(o).forEach((c) => visit(c, depth + 1, top));
  };
  objects.forEach((o) => visit(o, 0, o.xdomeaUuid));
  return out.sort();
}

async function streamed(file: string) {
  const objects: StreamedObject[] = [];
  const message = await streamMessageObjects(file, async (o) => {
    objects.push(o);
  });
  const byPosition = new Map(objects.map((o) => [o.position, o]));
  const rows = objects.map((o) => JSON.stringify([o.depth, byPosition.get(o.top)!.object.xdomeaUuid, o.object]));
  return { message, objects, rows: rows.sort() };
}

describe('streamMessageObjects', () => {
  it.each([
    'lavnrw-v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
    'thueringen-toolkit-v3.0.0/xx_Aussonderung.Aussonderung.0503.xml',
  ])('reads the same objects and header as the whole-tree reader: %s', async (name) => {
    const { message } = readMessage(readFileSync(example(name)));
    if (message.type !== '0503') throw new Error('not a 0503');
    const s = await streamed(example(name));
    expect(s.message).toMatchObject({ type: '0503', header: message.header });
    expect(s.rows).toEqual(fromTree([...(message.coverLetters ?? []), ...message.objects]));
    // Preorder positions: 0..n-1, every object after its top-level object.
    expect(s.objects.map((o) => o.position).sort((a, b) => a - b)).toEqual(s.objects.map((_, i) => i));
    expect(s.objects.every((o) => o.top <= o.position)).toBe(true);
  });

  it('hands over the nested objects of our own 0503 with their depths, the top-level object last', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir.path, 'm.xml');
    writeFileSync(file, writeMessage(aussonderung));
    const { message } = readMessage(readFileSync(file));
    if (message.type !== '0503') throw new Error('not a 0503');
    const s = await streamed(file);
    expect(s.rows).toEqual(fromTree([...(message.coverLetters ?? []), ...message.objects]));
    expect(s.objects.at(-1)!.depth).toBe(0);
    expect(Math.max(...s.objects.map((o) => o.depth))).toBeGreaterThan(0);
  });

  it('refuses a DOCTYPE while streaming', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir.path, 'x.xml');
    writeFileSync(file, writeMessage(aussonderung).replace('?>', '?><!DOCTYPE x [<!ENTITY e "x">]>'));
    await expect(streamMessageObjects(file, async () => {})).rejects.toMatchObject({ code: 'xdomea.doctype_forbidden' });
  });
});

describe('readMessageHeader', () => {
  it('reads the same header as the whole-tree reader', () => {
    const bytes = readFileSync(example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Aussonderung.0503.xml'));
    expect(readMessageHeader(bytes)).toEqual(readMessage(bytes).message.header);
  });
});
