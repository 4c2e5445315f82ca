import { closeSync, openSync, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { setImmediate } from 'node:timers/promises';
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
  checkSize(typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength, limits);
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  if (DECLARATION_PATTERN.test(text)) {
    throw new AppError('xdomea.doctype_forbidden', {}, 'xml contains a DOCTYPE or ENTITY declaration');
  }
  return text;
}

const decodeUtf8 = (bytes: Uint8Array): string => safeUtf8Decoder()(bytes, true);

/**
 * A UTF-8 decoder for a document read in pieces (a chunk may end inside a character): UTF-16 and invalid
 * UTF-8 are refused like in {@link decodeSafeXml}. Pass `last` with the final piece.
 */
export function safeUtf8Decoder(): (bytes: Uint8Array, last: boolean) => string {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let first = true;
  return (bytes, last) => {
    if (first && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))) {
      throw new AppError('xdomea.unsupported_encoding', { encoding: 'UTF-16' }, 'xml is UTF-16 encoded');
    }
    first = false;
    try {
      return decoder.decode(bytes, { stream: !last });
    } catch (cause) {
      throw new AppError('xdomea.unsupported_encoding', { encoding: 'ungültiges UTF-8' }, 'xml is not valid UTF-8', {
        cause,
      });
    }
  };
}

// Pieces of a received document checked at a time; the declaration pattern is also sought across seams.
// 64 KB keeps each piece's text in V8's young generation: with 1 MB pieces the check of a 17 MB message
// left +30 MB of resident memory behind and took 3x the CPU (large strings, seam concatenations).
const CHECK_PIECE = 64 * 1024;
const SEAM = 16;

/** Whether the piecewise checks parse the document to its end (still keeping only the root). */
export interface PieceCheckOptions {
  /** Parse it all, so a document that is not well-formed gets `xdomea.malformed` with its line. */
  readonly wellFormed?: boolean;
}

/**
 * The checks of {@link decodeSafeXml} (size, UTF-8 only, no DOCTYPE or ENTITY declaration) over the bytes
 * piece by piece, plus the root element (without children) from the first pieces: what the XSD check of a
 * received message needs before libxml2 sees it, without the whole document as one string or tree.
 * Well-formedness beyond the root is left to the validator unless `wellFormed` is asked for.
 */
export function checkSafeXmlBytes(
  bytes: Uint8Array,
  limits: XmlLimits = defaultXmlLimits,
  { wellFormed = false }: PieceCheckOptions = {},
): XmlElement {
  checkSize(bytes.byteLength, limits);
  const check = safeXmlPieces(limits, wellFormed);
  for (let at = 0; at < bytes.byteLength || at === 0; at += CHECK_PIECE) {
    const end = Math.min(at + CHECK_PIECE, bytes.byteLength);
    check.write(bytes.subarray(at, end), end === bytes.byteLength);
  }
  return check.end();
}

// Pieces checked between two turns of the event loop (4 MB). A receive keeps the loop busy (files read,
// checked and stored): with a trip through it and libuv's pool per 64 KB piece, this check of a 17 MB
// message took 2.5 s there instead of 0.07 s alone, and the XSD check (which waits for it) started late.
const PIECES_PER_TURN = 64;

/** {@link checkSafeXmlBytes} for a document in a file, read piece by piece with plain calls. */
export async function checkSafeXmlFile(
  file: string,
  limits: XmlLimits = defaultXmlLimits,
  { wellFormed = false }: PieceCheckOptions = {},
): Promise<XmlElement> {
  checkSize((await stat(file)).size, limits);
  const check = safeXmlPieces(limits, wellFormed);
  const fd = openSync(file, 'r');
  try {
    const piece = Buffer.alloc(CHECK_PIECE);
    let total = 0;
    for (let pieces = 1; ; pieces++) {
      const bytesRead = readSync(fd, piece, 0, CHECK_PIECE, null);
      checkSize((total += bytesRead), limits); // the file may have grown since its size was read
      check.write(piece.subarray(0, bytesRead), bytesRead === 0);
      if (bytesRead === 0) return check.end();
      if (pieces % PIECES_PER_TURN === 0) await setImmediate();
    }
  } finally {
    closeSync(fd);
  }
}

function checkSize(size: number, limits: XmlLimits): void {
  if (size > limits.maxBytes) {
    throw new AppError('xdomea.too_large', { limit: limits.maxBytes }, `xml of ${size} bytes exceeds limit`);
  }
}

/** The piecewise checks; the parser runs until the root is read, or to the end with `wellFormed`. */
function safeXmlPieces(limits: XmlLimits, wellFormed: boolean) {
  const decode = safeUtf8Decoder();
  let root: XmlElement | undefined;
  const parser = safeElementParser(limits, {
    attach: (element) => {
      root ??= element;
      return false;
    },
  });
  let seam = '';
  return {
    write(bytes: Uint8Array, last: boolean): void {
      const text = decode(bytes, last);
      if (DECLARATION_PATTERN.test(seam + text)) {
        throw new AppError('xdomea.doctype_forbidden', {}, 'xml contains a DOCTYPE or ENTITY declaration');
      }
      seam = text.slice(-SEAM);
      if (wellFormed || root === undefined) parser.write(text);
    },
    end(): XmlElement {
      return wellFormed || root === undefined ? parser.close() : root;
    },
  };
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
  const parser = safeElementParser(limits, { attach: () => keepTree });
  parser.write(text);
  return parser.close();
}

/** How {@link safeElementParser} builds: which elements join their parent, what happens at an end tag. */
export interface ElementHooks {
  /** Whether a just-opened element is added to its parent's children (the root has none). */
  attach(element: XmlElement, parent: XmlElement | undefined, depth: number): boolean;
  /** The element is complete (children and text); called parents last. */
  closed?(element: XmlElement, depth: number): void;
}

export interface ElementParser {
  /** Decoded text in any pieces; the caller checks the bytes (UTF-8, no declarations) as it decodes. */
  write(text: string): void;
  /** Ends the document and returns the root element. */
  close(): XmlElement;
}

/**
 * The safe-XML parser (no DOCTYPE, UTF-8 only, depth limit) that builds elements as `hooks` decide: the
 * whole tree, the root only, or subtrees handed over one by one while the document streams through.
 */
export function safeElementParser(limits: XmlLimits, hooks: ElementHooks): ElementParser {
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
    if (hooks.attach(element, parent, stack.length) && parent) parent.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    const element = stack.pop()!;
    hooks.closed?.(element, stack.length);
  });
  const appendText = (data: string) => {
    const current = stack[stack.length - 1];
    if (current) current.text += data;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  return {
    write(text) {
      parser.write(text);
    },
    close() {
      parser.close();
      if (!root) throw new AppError('xdomea.malformed', { line: 1 }, 'xml has no root element');
      return root;
    },
  };
}

function unqualifiedAttributes(tag: SaxesTagNS): Record<string, string> {
  const result: Record<string, string> = {};
  for (const attribute of Object.values(tag.attributes)) {
    if (attribute.uri === '' && attribute.prefix === '') result[attribute.local] = attribute.value;
  }
  return result;
}
