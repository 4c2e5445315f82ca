import { SaxesParser, type SaxesTagNS } from 'saxes';

/** The XMP facts the preflight compares: PDF/A identification and the properties mirrored in the Info dictionary. */
export interface XmpFacts {
  readonly part: string | undefined;
  readonly conformance: string | undefined;
  readonly title: string | undefined;
  readonly creators: readonly string[];
  readonly description: string | undefined;
  readonly producer: string | undefined;
  readonly keywords: string | undefined;
  readonly creatorTool: string | undefined;
  readonly createDate: string | undefined;
  readonly modifyDate: string | undefined;
  readonly documentId: string | undefined;
  readonly instanceId: string | undefined;
  /** The xpacket header carries `bytes` or `encoding`, which PDF/A forbids. */
  readonly forbiddenPacketAttributes: boolean;
}

export type XmpReadResult =
  { readonly ok: true; readonly facts: XmpFacts } | { readonly ok: false; readonly problem: string };

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  pdfaid: 'http://www.aiim.org/pdfa/ns/id/',
  dc: 'http://purl.org/dc/elements/1.1/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  xmpMM: 'http://ns.adobe.com/xap/1.0/mm/',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

const MAX_DEPTH = 64;

interface Node {
  readonly uri: string;
  readonly local: string;
  readonly attributes: readonly { uri: string; local: string; value: string }[];
  readonly children: Node[];
  text: string;
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * The packet's padding (kilobytes of spaces left for in-place edits before `<?xpacket end`) dropped:
 * the XML parser reads it character by character, which made it a good part of a whole preflight.
 */
const isXmlSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

function withoutPadding(text: string): string {
  const end = text.lastIndexOf('<?xpacket end');
  let start = end;
  while (start > 0 && isXmlSpace(text.charCodeAt(start - 1))) start--;
  return end - start > 1 ? `${text.slice(0, start)}\n${text.slice(end)}` : text;
}

function parseTree(text: string): { root: Node; forbiddenPacketAttributes: boolean } {
  const parser = new SaxesParser({ xmlns: true });
  const root: Node = { uri: '', local: '#document', attributes: [], children: [], text: '' };
  const stack: Node[] = [root];
  let forbiddenPacketAttributes = false;
  parser.on('error', (err) => {
    throw new Error(`not well-formed: ${err.message}`);
  });
  parser.on('doctype', () => {
    throw new Error('contains a DOCTYPE declaration');
  });
  parser.on('processinginstruction', (pi) => {
    if (pi.target === 'xpacket' && /\b(bytes|encoding)\s*=/.test(pi.body)) forbiddenPacketAttributes = true;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length > MAX_DEPTH) throw new Error('nested too deeply');
    const node: Node = {
      uri: tag.uri,
      local: tag.local,
      attributes: Object.values(tag.attributes).map((a) => ({ uri: a.uri, local: a.local, value: a.value })),
      children: [],
      text: '',
    };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.on('cdata', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.write(text).close();
  return { root, forbiddenPacketAttributes };
}

function* descendants(node: Node): Generator<Node> {
  const pending = [...node.children];
  for (let i = 0; i < pending.length; i++) {
    const next = pending[i]!;
    yield next;
    pending.push(...next.children);
  }
}

/** Values of a property across all rdf:Description elements: simple value, attribute, or rdf:li items. */
function propertyValues(
  descriptions: readonly Node[],
  uri: string,
  local: string,
): { lang: string; value: string }[] {
  const values: { lang: string; value: string }[] = [];
  for (const description of descriptions) {
    for (const a of description.attributes) {
      if (a.uri === uri && a.local === local) values.push({ lang: '', value: a.value });
    }
    for (const child of description.children) {
      if (child.uri !== uri || child.local !== local) continue;
      const items = [...descendants(child)].filter((n) => n.uri === NS.rdf && n.local === 'li');
      if (items.length === 0) {
        values.push({ lang: '', value: child.text.trim() });
        continue;
      }
      for (const li of items) {
        const lang = li.attributes.find((a) => a.uri === NS.xml && a.local === 'lang')?.value ?? '';
        values.push({ lang, value: li.text.trim() });
      }
    }
  }
  return values;
}

const single = (descriptions: readonly Node[], uri: string, local: string): string | undefined =>
  propertyValues(descriptions, uri, local)[0]?.value;

/** A language alternative: the x-default entry, else the first. */
const altDefault = (descriptions: readonly Node[], uri: string, local: string): string | undefined => {
  const values = propertyValues(descriptions, uri, local);
  return (values.find((v) => v.lang === 'x-default') ?? values[0])?.value;
};

export function readXmp(bytes: Uint8Array): XmpReadResult {
  let tree: ReturnType<typeof parseTree>;
  try {
    tree = parseTree(withoutPadding(decode(bytes)));
  } catch (e) {
    return { ok: false, problem: e instanceof Error ? e.message : 'not readable' };
  }
  const descriptions = [...descendants(tree.root)].filter(
    (n) => n.uri === NS.rdf && n.local === 'Description',
  );
  if (descriptions.length === 0) return { ok: false, problem: 'no rdf:Description element' };
  return {
    ok: true,
    facts: {
      part: single(descriptions, NS.pdfaid, 'part'),
      conformance: single(descriptions, NS.pdfaid, 'conformance'),
      title: altDefault(descriptions, NS.dc, 'title'),
      creators: propertyValues(descriptions, NS.dc, 'creator').map((v) => v.value),
      description: altDefault(descriptions, NS.dc, 'description'),
      producer: single(descriptions, NS.pdf, 'Producer'),
      keywords: single(descriptions, NS.pdf, 'Keywords'),
      creatorTool: single(descriptions, NS.xmp, 'CreatorTool'),
      createDate: single(descriptions, NS.xmp, 'CreateDate'),
      modifyDate: single(descriptions, NS.xmp, 'ModifyDate'),
      documentId: single(descriptions, NS.xmpMM, 'DocumentID'),
      instanceId: single(descriptions, NS.xmpMM, 'InstanceID'),
      forbiddenPacketAttributes: tree.forbiddenPacketAttributes,
    },
  };
}
