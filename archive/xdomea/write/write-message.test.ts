import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AussonderungMessage, XdomeaMessage } from '../model';
import { readMessage } from '../read/read-message';
import { allSamples, aussonderung, importConfirmation } from '../testing/sample-messages';
import { local, xmllintValidate, xpathCount, xpathTexts } from '../testing/system-xmllint';
import { validateMessageSchema } from '../validate/schema-validator';
import { writeMessage } from './write-message';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'xdomea-write-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(allSamples.map((m) => [m.type, m] as const))(
  'writeMessage %s',
  (_type, message: XdomeaMessage) => {
    const xml = writeMessage(message);

    it('is valid against the official 3.1.0 schema (system xmllint)', () => {
      const { valid, output } = xmllintValidate(xml, '3.1.0');
      expect(output).toContain('validates');
      expect(valid).toBe(true);
    });

    it('is valid for the bundled validator too', async () => {
      expect(await validateMessageSchema(xml)).toEqual({ version: '3.1.0', valid: true, issues: [] });
    });

    it('reads back to the same model', () => {
      const result = readMessage(xml);
      expect(result.version).toBe('3.1.0');
      expect(result.warnings).toEqual([]);
      expect(result.message).toEqual(message);
    });

    it('gives the same bytes every time', () => {
      expect(writeMessage(structuredClone(message))).toBe(xml);
    });

    it('uses the xdomea prefix and the message type on the root', () => {
      expect(xml).toMatch(
        new RegExp(
          `^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<xdomea:Aussonderung\\.\\w+\\.${message.type} xmlns:xdomea="urn:xoev-de:xdomea:schema:3.1.0">`,
        ),
      );
    });
  },
);

describe('writeMessage content, checked with XPath on the written file', () => {
  it('writes every object, primary file and per-object import result', async () => {
    const file0503 = path.join(dir, '0503.xml');
    await writeFile(file0503, writeMessage(aussonderung));
    expect(xpathCount(file0503, `//${local('Akte')}`)).toBe(1);
    expect(xpathCount(file0503, `//${local('Teilakte')}`)).toBe(1);
    expect(xpathCount(file0503, `//${local('Vorgang')}`)).toBe(1);
    expect(xpathCount(file0503, `//${local('Teilvorgang')}`)).toBe(1);
    expect(xpathCount(file0503, `//${local('Dokument')}`)).toBe(2);
    expect(xpathCount(file0503, `//${local('Anlage')}`)).toBe(1);
    expect(xpathTexts(file0503, `//${local('Primaerdokument', 'Dateiname')}`)).toEqual([
      'b7e1c2d3-1111-4a2b-9c3d-000000000009_Anschreiben.pdf',
      'b7e1c2d3-1111-4a2b-9c3d-000000000001_Bescheid.pdf',
      'b7e1c2d3-1111-4a2b-9c3d-000000000002.jp2',
      'b7e1c2d3-1111-4a2b-9c3d-000000000003.txt',
    ]);
    expect(xpathTexts(file0503, `//${local('Kopf', 'Importbestaetigung')}`)).toEqual(['1']);

    const file0506 = path.join(dir, '0506.xml');
    await writeFile(file0506, writeMessage(importConfirmation));
    expect(xpathTexts(file0506, `//${local('AusgesondertesSGO', 'Erfolgreich')}`)).toEqual(['1', '0']);
    expect(xpathCount(file0506, `//${local('AusgesondertesSGO', 'Fehlermeldung')}`)).toBe(2);
  });

  it('escapes markup characters so that text survives unchanged', () => {
    const tricky = '</xdomea:Betreff><xdomea:Injected/> & "quotes" \'apos\' ]]> \r\n Ümlaute ß €';
    const message: AussonderungMessage = {
      ...aussonderung,
      coverLetters: undefined,
      objects: [{ kind: 'dokument', xdomeaUuid: '0b7e1c2d-1111-4a2b-9c3d-000000000010', title: tricky }],
    };
    const xml = writeMessage(message);
    expect(xmllintValidate(xml).valid).toBe(true);
    const read = readMessage(xml).message as AussonderungMessage;
    expect(read.objects[0]!.title).toBe(tricky);
  });
});

describe('writeMessage refuses input the schema would refuse', () => {
  const withObject = (object: object): AussonderungMessage => ({
    ...aussonderung,
    coverLetters: undefined,
    objects: [{ kind: 'dokument', xdomeaUuid: '0b7e1c2d-1111-4a2b-9c3d-000000000010', ...object } as never],
  });

  it.each([
    [
      'a ProzessID that is no UUID',
      { ...aussonderung, header: { ...aussonderung.header, prozessId: 'P-2025-1' } },
      'header.prozessId',
    ],
    [
      'a malformed creation time',
      { ...aussonderung, header: { ...aussonderung.header, createdAt: '31.03.2025' } },
      'header.createdAt',
    ],
    ['an object UUID that is no UUID', withObject({ xdomeaUuid: 'dok-1' }), 'objects[0].xdomeaUuid'],
    ['a German date format', withObject({ documentDate: '07.02.2014' }), 'objects[0].documentDate'],
    ['a control character', withObject({ title: 'Bell\u0007' }), 'Betreff'],
    ['an unknown Medium code', withObject({ medium: '009' }), 'objects[0].medium'],
    [
      'a primary file name with a path',
      withObject({
        versions: [
          {
            number: '1',
            formats: [
              {
                code: '018',
                codeListVersion: '2.0',
                formatVersion: '',
                file: { fileName: 'b7e1c2d3-1111-4a2b-9c3d-000000000001/../x.pdf' },
              },
            ],
          },
        ],
      }),
      'objects[0].versions[0].formats[0].file.fileName',
    ],
    [
      'format 100 without its name',
      withObject({
        versions: [
          {
            number: '1',
            formats: [
              {
                code: '100',
                codeListVersion: '2.0',
                formatVersion: '',
                file: { fileName: 'b7e1c2d3-1111-4a2b-9c3d-000000000001.x' },
              },
            ],
          },
        ],
      }),
      'objects[0].versions[0].formats[0].otherName',
    ],
    ['an empty object list', { ...aussonderung, objects: [] }, 'objects'],
  ])('%s', (_label, message, field) => {
    expect(() => writeMessage(message as XdomeaMessage)).toThrow(
      expect.objectContaining({ code: 'xdomea.invalid_input', params: expect.objectContaining({ field }) }),
    );
  });
});
