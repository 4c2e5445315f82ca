import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AppraisalMessage, RecordObject } from '../model';
import { collectPrimaryFileNames, collectUuids, walkObjects } from '../object-tree';
import { example, local, xpathCount, xpathString, xpathTexts } from '../testing/system-xmllint';
import { readValidatedMessage } from '../validated';
import { readMessage } from './read-message';

const examples = [
  'thueringen-toolkit-v3.0.0/xx_Aussonderung.Anbieteverzeichnis.0501.xml',
  'thueringen-toolkit-v3.0.0/xx_Aussonderung.Bewertungsverzeichnis.0502.xml',
  'thueringen-toolkit-v3.0.0/xx_Aussonderung.Aussonderung.0503.xml',
  'thueringen-toolkit-v3.0.0/xx_Aussonderung.AnbietungEmpfangBestaetigen.0504.xml',
  'lavnrw-v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
];

const objectsOf = (message: { objects?: readonly RecordObject[] }): readonly RecordObject[] =>
  message.objects ?? [];

function countKinds(objects: readonly RecordObject[]): Record<string, number> {
  const counts = { akte: 0, vorgang: 0, dokument: 0 };
  walkObjects(objects, (o) => counts[o.kind]++);
  return counts;
}

describe.each(examples)('reading the shared example %s', (relativePath) => {
  const file = example(relativePath);
  const { version, message, warnings } = readMessage(readFileSync(file));

  it('detects version and message type from the root element', () => {
    expect(xpathString(file, 'namespace-uri(/*)')).toBe(`urn:xoev-de:xdomea:schema:${version}`);
    expect(version).toBe('3.0.0');
    expect(xpathString(file, 'local-name(/*)').endsWith(`.${message.type}`)).toBe(true);
  });

  it('reads the header as written', () => {
    expect(message.header.prozessId).toBe(xpathTexts(file, `/*/${local('Kopf', 'ProzessID')}`)[0]);
    expect(message.header.createdAt).toBe(xpathTexts(file, `/*/${local('Kopf', 'Erstellungszeitpunkt')}`)[0]);
    const declared = xpathTexts(file, `/*/${local('Kopf', 'Nachrichtentyp')}/*[local-name()="code"]`)[0];
    expect(warnings.map((w) => w.code)).toEqual(declared === message.type ? [] : ['message_type_mismatch']);
  });

  it('finds every Akte, Vorgang and Dokument with its UUID and Aktenzeichen', () => {
    const objects = objectsOf(message as { objects?: readonly RecordObject[] });
    expect(countKinds(objects)).toEqual({
      akte: xpathCount(file, `//${local('Akte')}`) + xpathCount(file, `//${local('Teilakte')}`),
      vorgang: xpathCount(file, `//${local('Vorgang')}`) + xpathCount(file, `//${local('Teilvorgang')}`),
      dokument:
        xpathCount(file, `//${local('Schriftgutobjekt')}//${local('Dokument')}`) +
        xpathCount(file, `//${local('Anlage')}`),
    });
    expect([...collectUuids(objects)].sort()).toEqual(
      xpathTexts(file, `//${local('Schriftgutobjekt')}//${local('Identifikation', 'ID')}`).sort(),
    );
    const aktenzeichen: string[] = [];
    walkObjects(objects, (o) => o.aktenzeichen !== undefined && aktenzeichen.push(o.aktenzeichen));
    expect(aktenzeichen).toEqual(
      xpathTexts(file, `//${local('Schriftgutobjekt')}//${local('AllgemeineMetadaten', 'Kennzeichen')}`),
    );
    expect(collectPrimaryFileNames(objects)).toEqual(
      xpathTexts(file, `//${local('Primaerdokument', 'Dateiname')}`),
    );
  });

  it('passes the bundled 3.0.0 schema validation', async () => {
    const validated = await readValidatedMessage(readFileSync(file));
    expect(validated.message).toEqual(message);
  });
});

describe('reading the shared examples in detail', () => {
  it('reads the appraisal decision per object UUID from the Thüringen 0502', () => {
    const file = example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Bewertungsverzeichnis.0502.xml');
    const message = readMessage(readFileSync(file)).message as AppraisalMessage;
    const ids = xpathTexts(file, `//${local('BewertetesObjekt', 'ID')}`);
    const codes = xpathTexts(
      file,
      `//${local('BewertetesObjekt', 'Aussonderungsart', 'Aussonderungsart')}/*[local-name()="code"]`,
    );
    expect(ids.length).toBeGreaterThan(0);
    expect(message.appraisals).toEqual(ids.map((id, i) => ({ xdomeaUuid: id, decision: codes[i] })));
  });

  it('reads the archival metadata and the Aktenplan reference of the Thüringen 0501', () => {
    const file = example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Anbieteverzeichnis.0501.xml');
    const { message } = readMessage(readFileSync(file));
    const akte = (message as { objects: readonly RecordObject[] }).objects[0]!;
    expect(akte.kind).toBe('akte');
    if (akte.kind !== 'akte') return;
    const akteArchival = `/*/${local('Schriftgutobjekt', 'Akte', 'ArchivspezifischeMetadaten')}`;
    expect(akte.archival?.archivalHint).toBe(
      xpathTexts(file, `${akteArchival}/${local('Aussonderungsart', 'Aussonderungsart')}/*`)[0],
    );
    expect(akte.archival?.appraisalProposal).toBe(
      xpathTexts(file, `${akteArchival}/${local('Bewertungsvorschlag')}/*`)[0],
    );
    expect(akte.aktenplan?.number).toBe(
      xpathTexts(
        file,
        `/*/${local('Schriftgutobjekt', 'Akte', 'AllgemeineMetadaten', 'Aktenplaneinheit', 'Kennzeichen')}`,
      )[0],
    );
    expect(akte.period).toEqual({
      start: xpathTexts(file, `/*/${local('Schriftgutobjekt', 'Akte', 'Laufzeit', 'Beginn')}`)[0],
      end: xpathTexts(file, `/*/${local('Schriftgutobjekt', 'Akte', 'Laufzeit', 'Ende')}`)[0],
    });
    expect(message.header.sendingSystem?.productName).toBe(
      xpathTexts(file, `//${local('SendendesSystem', 'Produktname')}`)[0],
    );
    expect(message.header.recipient.authorityKey?.code).toBe(
      xpathTexts(
        file,
        `//${local('Kopf', 'Empfaenger', 'Behoerdenkennung', 'Behoerdenschluessel')}/*[local-name()="code"]`,
      )[0],
    );
  });

  it('refuses the xdomea 4.0.0 example with a clear error', () => {
    const file = example('lavnrw-v4.0.0/518c7c31-d1a0-11ef-accb-005056871b7c_0503_1.xml');
    expect(() => readMessage(readFileSync(file))).toThrow(
      expect.objectContaining({ code: 'xdomea.unsupported_version', params: { version: '4.0.0' } }),
    );
  });

  it('refuses messages outside the Aussonderung and XML that is not xdomea', () => {
    const ns = 'urn:xoev-de:xdomea:schema:3.1.0';
    expect(() => readMessage(`<xdomea:Abgabe.Abgabe.0401 xmlns:xdomea="${ns}"/>`)).toThrow(
      expect.objectContaining({ code: 'xdomea.unsupported_message' }),
    );
    expect(() => readMessage('<html><body/></html>')).toThrow(
      expect.objectContaining({ code: 'xdomea.not_xdomea' }),
    );
  });

  it('names the missing element and its line when required content is absent', () => {
    const xml = readFileSync(
      example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Bewertungsverzeichnis.0502.xml'),
      'utf8',
    );
    const broken = xml.replace(/<xdomea:ProzessID>[^<]*<\/xdomea:ProzessID>/, '');
    expect(() => readMessage(broken)).toThrow(
      expect.objectContaining({
        code: 'xdomea.invalid_content',
        params: { element: 'Aussonderung.Bewertungsverzeichnis.0502/Kopf/ProzessID', line: 8 },
      }),
    );
  });

  it('refuses a message that breaks the schema on the validated path, with the line', async () => {
    const xml = readFileSync(
      example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Bewertungsverzeichnis.0502.xml'),
      'utf8',
    );
    const lines = xml.split('\n');
    const line = lines.findIndex((l) => l.includes('<code>A</code>')) + 1;
    const broken = xml.replace('<code>A</code>', '<code>X</code>');
    await expect(readValidatedMessage(broken)).rejects.toMatchObject({
      code: 'xdomea.schema_invalid',
      params: { version: '3.0.0', count: 1, line },
    });
  });
});
