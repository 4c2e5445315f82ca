import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { tempDir } from '../../../test/helpers/temp-dir';
import type { Akte } from '../model';
import { example, xmllintValidate } from '../testing/system-xmllint';
import { header } from '../testing/sample-messages';
import { writeMessage } from '../write/write-message';
import { formatCodeFor } from '../file-formats';
import {
  assertMessageFileSchema,
  LISTED_ISSUES,
  validateMessageFile,
  validateMessageSchema,
  type SchemaIssue,
} from './schema-validator';

const dir = tempDir('eakte-xsd-file-');
afterAll(() => dir.remove());

const AKTEN = 40;

/** A valid 0503 of Akten with 4 Dokumente each, every Akte with a Vertraulichkeitsstufe (a code list). */
function message(count = AKTEN): string {
  const akten: Akte[] = Array.from({ length: count }, (_, a) => ({
    kind: 'akte',
    xdomeaUuid: `00000000-0000-4000-8000-${String(a).padStart(12, '0')}`,
    title: `Bauakte ${a + 1}`,
    confidentiality: '001',
    documents: Array.from({ length: 4 }, (_, d) => ({
      kind: 'dokument' as const,
      xdomeaUuid: `00000000-0000-4000-9000-${String(a * 10 + d).padStart(12, '0')}`,
      title: `Blatt ${d + 1}`,
      versions: [
        { number: '1', formats: [{ ...formatCodeFor({ mimeType: 'image/png' }), file: { fileName: `00000000-0000-4000-a000-${String(a * 10 + d).padStart(12, "0")}.png` } }] },
      ],
    })),
  }));
  return writeMessage({
    type: '0503',
    header: { ...header('2026-11-20T08:00:00Z'), prozessId: '3f0c1d2e-4b5a-4c6d-8e7f-901a2b3c4d5e' },
    archiveIdRequested: false,
    receiptRequested: true,
    objects: akten,
  });
}

/** The text of each top-level Schriftgutobjekt with its first and last line, in message order. */
function objects(xml: string): { first: number; last: number }[] {
  const lines = xml.split('\n');
  const found: { first: number; last: number }[] = [];
  lines.forEach((line, i) => {
    if (line.includes('<xdomea:Schriftgutobjekt>')) found.push({ first: i + 1, last: i + 1 });
    if (line.includes('</xdomea:Schriftgutobjekt>')) found[found.length - 1]!.last = i + 1;
  });
  return found;
}

type Breakage = 'order' | 'missing' | 'enumeration';

/** Breaks Akte `index` of the message the way `kind` says, within its own Schriftgutobjekt. */
function breakAkte(xml: string, index: number, kind: Breakage): string {
  const lines = xml.split('\n');
  const { first, last } = objects(xml)[index]!;
  let text = lines.slice(first - 1, last).join('\n');
  if (kind === 'order') {
    // Identifikation must come before AllgemeineMetadaten.
    text = text.replace(
      /(<xdomea:Identifikation>[\s\S]*?<\/xdomea:Identifikation>)(\s*)(<xdomea:AllgemeineMetadaten>[\s\S]*?<\/xdomea:AllgemeineMetadaten>)/,
      '$3$2$1',
    );
  } else if (kind === 'missing') {
    // Every Version needs its Nummer.
    text = text.replace(/\n\s*<xdomea:Nummer>1<\/xdomea:Nummer>/, '');
  } else {
    text = text.replace('<code>001</code>', '<code>009</code>');
  }
  lines.splice(first - 1, last - first + 1, text);
  return lines.join('\n');
}

// Each kind of breakage near the start and near the end of the message.
const BROKEN: readonly [number, Breakage][] = [
  [0, 'order'],
  [1, 'enumeration'],
  [2, 'missing'],
  [AKTEN - 3, 'missing'],
  [AKTEN - 2, 'enumeration'],
  [AKTEN - 1, 'order'],
];
const MENTIONS: Record<Breakage, RegExp> = {
  order: /AllgemeineMetadaten.*not expected/,
  missing: /Format.*not expected.*Nummer/,
  enumeration: /'009'/,
};

/** What a whole-message validation finds: xmllint-wasm's own API with the message in memory. */
async function wholeMessageIssues(xml: string): Promise<SchemaIssue[]> {
  const schemas = new URL('../schemas/', import.meta.url);
  const file = (name: string) => ({ fileName: name, contents: readFileSync(new URL(name, schemas)) });
  const result = await validateXML({
    xml: { fileName: 'message.xml', contents: xml },
    schema: file('3.1.0/xdomea-Nachrichten-AussonderungDurchfuehren.xsd'),
    preload: [
      ...['Typen-AussonderungDurchfuehren', 'Baukasten', 'Datentypen'].map((n) => file(`3.1.0/xdomea-${n}.xsd`)),
      file('xoev/xoev-code.xsd'),
    ],
    maxMemoryPages: 4096,
  });
  return result.errors.map((e) => ({
    line: e.loc?.fileName === 'message.xml' ? e.loc.lineNumber : null,
    message: e.message,
  }));
}

describe('XSD check of a message in a file, read by libxml2 as it validates', () => {
  const valid = message();
  let broken = valid;
  for (const [index, kind] of BROKEN) broken = breakAkte(broken, index, kind);
  const brokenFile = path.join(dir.path, 'broken.xml');
  writeFileSync(brokenFile, broken);

  it('finds every error of a whole-message validation, on the same lines, in the object it is in', async () => {
    expect(xmllintValidate(valid).valid).toBe(true);
    const fromFile = await validateMessageFile(brokenFile);
    expect(fromFile.valid).toBe(false);
    // The same findings as xmllint-wasm's whole-message check, and as the bytes in memory.
    expect(fromFile.issues).toEqual(await wholeMessageIssues(broken));
    expect((await validateMessageSchema(readFileSync(brokenFile))).issues).toEqual(fromFile.issues);
    // The lines the system xmllint (another libxml2) reports for the same message.
    const system = xmllintValidate(broken);
    expect(system.valid).toBe(false);
    const systemLines = [...system.output.matchAll(/^-:(\d+):/gm)].map((m) => Number(m[1]));
    expect(fromFile.issues.map((i) => i.line)).toEqual(systemLines);
    // Each broken Akte has its finding, and no other object has one.
    const ranges = objects(broken);
    const byObject = new Map<number, string[]>();
    for (const issue of fromFile.issues) {
      const index = ranges.findIndex((r) => issue.line! >= r.first && issue.line! <= r.last);
      byObject.set(index, [...(byObject.get(index) ?? []), issue.message]);
    }
    expect([...byObject.keys()].sort((a, b) => a - b)).toEqual(BROKEN.map(([index]) => index));
    for (const [index, kind] of BROKEN)
      expect(byObject.get(index)!.some((m) => MENTIONS[kind].test(m)), `${kind} in Akte ${index}`).toBe(true);
  });

  it('throws xdomea.schema_invalid with the count and the first line', async () => {
    const first = objects(broken)[0]!;
    const error = await assertMessageFileSchema(brokenFile).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'xdomea.schema_invalid', params: { version: '3.1.0' } });
    const { count, line } = (error as { params: { count: number; line: number } }).params;
    expect(count).toBe((await wholeMessageIssues(broken)).length);
    expect(line).toBeGreaterThanOrEqual(first.first);
    expect(line).toBeLessThanOrEqual(first.last);
  });

  it('lists the first findings of a message full of errors and counts the rest', async () => {
    // 1,040 Dokumente, each Version without its Nummer.
    const full = message(260).replaceAll(/\n\s*<xdomea:Nummer>1<\/xdomea:Nummer>/g, '');
    const file = path.join(dir.path, 'full-of-errors.xml');
    writeFileSync(file, full);
    const whole = await wholeMessageIssues(full);
    expect(whole).toHaveLength(1040);
    const result = await validateMessageFile(file);
    expect(result.issues).toEqual(whole.slice(0, LISTED_ISSUES));
    expect(result.unlisted).toBe(1040 - LISTED_ISSUES);
    await expect(assertMessageFileSchema(file)).rejects.toMatchObject({ params: { count: 1040 } });
  });

  it.each([
    ['lavnrw-v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml'],
    ['thueringen-toolkit-v3.0.0/xx_Aussonderung.Aussonderung.0503.xml'],
    ['thueringen-toolkit-v3.0.0/xx_Aussonderung.Anbieteverzeichnis.0501.xml'],
    ['thueringen-toolkit-v3.0.0/xx_Aussonderung.Bewertungsverzeichnis.0502.xml'],
    ['thueringen-toolkit-v3.0.0/xx_Aussonderung.AnbietungEmpfangBestaetigen.0504.xml'],
  ])('validates the shared example %s like the system xmllint', async (name) => {
    expect(xmllintValidate(readFileSync(example(name), 'utf8'), '3.0.0').valid).toBe(true);
    expect(await validateMessageFile(example(name))).toEqual({ version: '3.0.0', valid: true, issues: [] });
  });

  it('runs the safe-XML checks on the file before libxml2 reads it', async () => {
    const write = (name: string, text: string | Buffer) => {
      writeFileSync(path.join(dir.path, name), text);
      return path.join(dir.path, name);
    };
    const filler = `<!--${'x'.repeat(1024 * 1024)}-->`;
    // A declaration past the first piece read, bad UTF-8 at the end, a size over the limit.
    await expect(validateMessageFile(write('late-doctype.xml', `${filler}<!DOCTYPE x>${valid}`))).rejects.toMatchObject({
      code: 'xdomea.doctype_forbidden',
    });
    const badUtf8 = Buffer.concat([Buffer.from(`${valid}${filler}`), Buffer.from([0xc3, 0x28])]);
    await expect(validateMessageFile(write('bad-utf8.xml', badUtf8))).rejects.toMatchObject({
      code: 'xdomea.unsupported_encoding',
    });
    await expect(
      validateMessageFile(brokenFile, { maxBytes: broken.length - 1, maxDepth: 200 }),
    ).rejects.toMatchObject({ code: 'xdomea.too_large' });
    // Not well-formed: the reader's error with the line, as for a message in memory.
    const malformed = valid.replace('</xdomea:Betreff>', '');
    const line = malformed.slice(0, malformed.indexOf('</xdomea:AllgemeineMetadaten>')).split('\n').length;
    await expect(validateMessageFile(write('malformed.xml', malformed))).rejects.toMatchObject({
      code: 'xdomea.malformed',
      params: { line },
    });
  });
});
