import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entryNameProblem } from '../zip/index';
import { containerFileName, messageFileName, parseMessageFileName, primaryFileName } from './file-names';
import { formatCodeFor, mimeTypeOfFormat } from './file-formats';
import { example } from './testing/system-xmllint';

describe('xdomea file names', () => {
  it('follows the naming of the LAV NRW example and its Makefile', () => {
    const [xml] = readdirSync(example('lavnrw-v3.0.0')).filter((f) => f.endsWith('.xml'));
    const parsed = parseMessageFileName(xml!);
    expect(parsed).toEqual({
      prozessId: '9fde4e7a-b41b-11ec-9225-005056871b7c',
      type: '0503',
      extension: 'xml',
    });
    expect(messageFileName(parsed!.prozessId, '0503')).toBe(xml);
    expect(containerFileName(parsed!.prozessId, '0503')).toBe(
      '9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.zip',
    );
  });

  it('does not take other names for message files', () => {
    expect(parseMessageFileName('xx_Aussonderung.Aussonderung.0503.xml')).toBeUndefined();
    expect(parseMessageFileName('518c7c31-d1a0-11ef-accb-005056871b7c_0503_1.xml')).toBeUndefined();
    expect(
      parseMessageFileName('9fde4e7a-b41b-11ec-9225-005056871b7c_Abgabe.Abgabe.0401.xml'),
    ).toBeUndefined();
  });

  it('makes primary file names that are safe ZIP entries', () => {
    const id = 'f4bcaaf7-d7cb-11ef-a278-005056871b7c';
    expect(primaryFileName(id, 'TXT')).toBe(`${id}.txt`);
    const named = primaryFileName(id, '.pdf', 'Bescheid: Antrag 3/2024 vom 01.02. <Entwurf>?');
    expect(named).toBe(`${id}_Bescheid_Antrag_3_2024_vom_01.02._Entwurf.pdf`);
    expect(entryNameProblem(named)).toBeUndefined();
    expect(primaryFileName(id, 'pdf', ' /\\ ')).toBe(`${id}.pdf`);
  });
});

describe('Dateiformat codes', () => {
  it('maps MIME types and extensions to the code list 2.0', () => {
    expect(formatCodeFor({ mimeType: 'application/pdf', pdfaVersion: '2b' })).toEqual({
      code: '044',
      codeListVersion: '2.0',
      formatVersion: '2b',
    });
    expect(formatCodeFor({ mimeType: 'application/pdf' }).code).toBe('018');
    expect(formatCodeFor({ mimeType: 'text/plain; charset=utf-8' }).code).toBe('045');
    expect(formatCodeFor({ mimeType: 'application/octet-stream', fileName: 'Scan.TIF' }).code).toBe('023');
    expect(formatCodeFor({ mimeType: 'image/jp2' })).toEqual({
      code: '100',
      codeListVersion: '2.0',
      otherName: 'image/jp2',
      formatVersion: '',
    });
    expect(mimeTypeOfFormat('045')).toBe('text/plain');
    expect(mimeTypeOfFormat('010')).toBe('image/jpeg');
    expect(mimeTypeOfFormat('100')).toBeUndefined();
  });
});
