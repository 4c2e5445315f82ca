import { SaxesParser, type SaxesTagNS } from 'saxes';
import { AppError } from '../../../contract/app-error';

/** A parsed element: namespace URI, local name, unqualified attributes, child elements and its own text. */
export interface XmlElement {
  readonly ns: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated character data directly inside this element (text and CDATA), untrimmed. */
  readonly text: string;
  /** 1-based line of the start tag, for error messages. */
  readonly line: number;
}

export interface XmlLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

export const defaultXmlLimits: XmlLimits = { maxBytes: 64 * 1024 * 1024, maxDepth: 200 };

interface MutableElement {
  ns: string;
  name: string;
  attributes: Record<string, string>;
  children: MutableElement[];
  text: string;
  line: number;
}

const DECLARATION_PATTERN = /<!DOCTYPE|<!ENTITY/i;

/**
 * Decodes UTF-8 bytes, refusing anything that is not plain UTF-8 (XÖV messages are UTF-8) and any document
 * type or entity declaration. The scan runs on the decoded text before any parser sees it, so XXE and
 * entity expansion (billion laughs) never reach a parser, ours or the schema validator's.
 */
export function decodeSafeXml(input: Uint8Array | string, limits: XmlLimits = defaultXmlLimits): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > limits.maxBytes) {
    throw new AppError('xdomea.too_large', { limit: limits.maxBytes }, `xml of ${size} bytes exceeds limit`);
  }
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  if (DECLARATION_PATTERN.test(text)) {
    throw new AppError('xdomea.doctype_forbidden', {}, 'xml contains a DOCTYPE or ENTITY declaration');
  }
  return text;
}

function decodeUtf8(bytes: Uint8Array): string {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new AppError('xdomea.unsupported_encoding', { encoding: 'UTF-16' }, 'xml is UTF-16 encoded');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (cause) {
    throw new AppError(
      'xdomea.unsupported_encoding',
      { encoding: 'ungültiges UTF-8' },
      'xml is not valid UTF-8',
      {
        cause,
      },
    );
  }
}

/** Parses a whole document into an element tree after the checks of {@link decodeSafeXml}. */
export const parseSafeXml = (input: Uint8Array | string, limits: XmlLimits = defaultXmlLimits): XmlElement =>
  parse(input, limits, true);

/**
 * Checks a whole document like {@link parseSafeXml} (well-formed, no DOCTYPE, UTF-8, depth) but keeps only
 * the root element, without children: enough to identify a message, in memory that does not grow with it.
 */
export const parseSafeXmlRoot = (input: Uint8Array | string, limits: XmlLimits = defaultXmlLimits): XmlElement =>
  parse(input, limits, false);

function parse(input: Uint8Array | string, limits: XmlLimits, keepTree: boolean): XmlElement {
  const text = decodeSafeXml(input, limits);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: MutableElement[] = [];
  let root: MutableElement | undefined;

  parser.on('error', (err) => {
    throw new AppError('xdomea.malformed', { line: parser.line }, `xml not well-formed: ${err.message}`);
  });
  parser.on('doctype', () => {
    throw new AppError('xdomea.doctype_forbidden', {}, 'xml contains a DOCTYPE declaration');
  });
  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) {
      throw new AppError(
        'xdomea.unsupported_encoding',
        { encoding: decl.encoding },
        'xml declares a non-UTF-8 encoding',
      );
    }
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length >= limits.maxDepth) {
      throw new AppError('xdomea.too_deep', { limit: limits.maxDepth }, 'xml nesting exceeds depth limit');
    }
    const element: MutableElement = {
      ns: tag.uri,
      name: tag.local,
      attributes: unqualifiedAttributes(tag),
      children: [],
      text: '',
      line: parser.line,
    };
    const parent = stack[stack.length - 1];
    if (!parent) root = element;
    else if (keepTree) parent.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const appendText = (data: string) => {
    const current = stack[stack.length - 1];
    if (current) current.text += data;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);

  parser.write(text).close();
  if (!root) throw new AppError('xdomea.malformed', { line: 1 }, 'xml has no root element');
  return root;
}

function unqualifiedAttributes(tag: SaxesTagNS): Record<string, string> {
  const result: Record<string, string> = {};
  for (const attribute of Object.values(tag.attributes)) {
    if (attribute.uri === '' && attribute.prefix === '') result[attribute.local] = attribute.value;
  }
  return result;
}
