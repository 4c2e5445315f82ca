import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example, xmllintValidate } from '../testing/system-xmllint';
import { assertMessageSchema, validateMessageSchema } from './schema-validator';

const lavnrw = example(
  'lavnrw-v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
);

function breakLine(xml: string, search: string, replacement: string): { xml: string; line: number } {
  const line = xml.split('\n').findIndex((l) => l.includes(search)) + 1;
  return { xml: xml.replace(search, replacement), line };
}

describe('bundled XSD validation (xmllint-wasm)', () => {
  it('agrees with the system xmllint on a valid example', async () => {
    const xml = readFileSync(lavnrw, 'utf8');
    expect(xmllintValidate(xml, '3.0.0').valid).toBe(true);
    expect(await validateMessageSchema(xml)).toEqual({ version: '3.0.0', valid: true, issues: [] });
  });

  it('lists each error with the line of the message it is on', async () => {
    const original = readFileSync(lavnrw, 'utf8');
    const first = breakLine(
      original,
      '<xdomea:Beginn>2010-04-04</xdomea:Beginn>',
      '<xdomea:Beginn>04.04.2010</xdomea:Beginn>',
    );
    const second = breakLine(
      first.xml,
      '<xdomea:Nummer>1</xdomea:Nummer>',
      '<xdomea:Nummer>1</xdomea:Nummer><xdomea:Unbekannt/>',
    );
    expect(xmllintValidate(second.xml, '3.0.0').valid).toBe(false);

    const result = await validateMessageSchema(second.xml);
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => i.line)).toEqual([first.line, second.line]);
    expect(result.issues[0]!.message).toContain('Beginn');
    expect(result.issues[1]!.message).toContain('Unbekannt');
  });

  it('throws a German-texted AppError for an invalid message', async () => {
    const { xml, line } = breakLine(readFileSync(lavnrw, 'utf8'), '<code>003</code>', '<code>999</code>');
    const error = await assertMessageSchema(xml).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'xdomea.schema_invalid',
      params: { version: '3.0.0', count: 1, line },
    });
    expect((error as { germanText: string }).germanText).toContain(`Zeile ${line}`);
    expect((error as Error).message).not.toContain('999');
  });

  it('refuses a version without a shipped schema before validating', async () => {
    const v4 = readFileSync(example('lavnrw-v4.0.0/518c7c31-d1a0-11ef-accb-005056871b7c_0503_1.xml'));
    await expect(validateMessageSchema(v4)).rejects.toMatchObject({ code: 'xdomea.unsupported_version' });
  });
});
