import { AppError } from '../../../contract/app-error';

/** An element to serialize; `prefix` is omitted for unqualified elements (the `code`/`name` of XÖV codes). */
export interface XmlNode {
  readonly prefix?: string;
  readonly name: string;
  readonly attributes?: readonly (readonly [string, string])[];
  /** A string makes a text-only element; an array makes an element-only one. */
  readonly content: string | readonly XmlNode[];
}

/** An element-only node. */
export type XmlElement = XmlNode & { readonly content: readonly XmlNode[] };

// XML 1.0 Char production, without the surrogate pairs that JS strings carry as two units.
const FORBIDDEN_CHAR =
  // eslint-disable-next-line no-control-regex -- finding control characters is the purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkChars(value: string, where: string): void {
  if (FORBIDDEN_CHAR.test(value)) {
    throw new AppError(
      'xdomea.invalid_input',
      { field: where, reason: 'enthält Steuerzeichen, die in XML nicht erlaubt sind' },
      `value of ${where} contains characters not allowed in XML`,
    );
  }
}

// \r is escaped so that a parser's line-end normalisation gives back exactly the written text.
const escapeText = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');

const escapeAttribute = (value: string): string =>
  escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');

const qualifiedName = (node: XmlNode): string => (node.prefix ? `${node.prefix}:${node.name}` : node.name);

function startTag(node: XmlNode): string {
  let start = `<${qualifiedName(node)}`;
  for (const [key, value] of node.attributes ?? []) {
    checkChars(value, `${node.name}@${key}`);
    start += ` ${key}="${escapeAttribute(value)}"`;
  }
  return start;
}

function writeNode(node: XmlNode, indent: string, out: string[]): void {
  const name = qualifiedName(node);
  const start = `${indent}${startTag(node)}`;
  if (typeof node.content === 'string') {
    checkChars(node.content, node.name);
    out.push(node.content === '' ? `${start}/>` : `${start}>${escapeText(node.content)}</${name}>`);
    return;
  }
  if (node.content.length === 0) {
    out.push(`${start}/>`);
    return;
  }
  out.push(`${start}>`);
  for (const child of node.content) writeNode(child, `${indent}  `, out);
  out.push(`${indent}</${name}>`);
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** Serializes a document with a UTF-8 declaration, two-space indentation and a trailing newline. */
export function serializeXml(root: XmlNode): string {
  const out = [DECLARATION];
  writeNode(root, '', out);
  return `${out.join('\n')}\n`;
}

/**
 * The same document cut open after the root's children, for documents too large to hold: write `head`,
 * then `serializeChild` of each further child, then `tail`. With at least one further child the bytes are
 * exactly those of `serializeXml` over the whole tree.
 */
export function serializeFrame(root: XmlElement): { head: string; tail: string } {
  const out = [DECLARATION, `${startTag(root)}>`];
  for (const child of root.content) writeNode(child, '  ', out);
  return { head: `${out.join('\n')}\n`, tail: `</${qualifiedName(root)}>\n` };
}

/** One child of a frame's root, as `serializeXml` would indent it. */
export function serializeChild(node: XmlNode): string {
  const out: string[] = [];
  writeNode(node, '  ', out);
  return `${out.join('\n')}\n`;
}
