import {
  PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  type PDFObject,
} from 'pdf-lib';
import { decodeStream } from './decode-stream';
import { WorkLimitExceeded, type WorkBudget } from './work-budget';

/**
 * A bounded, recovering PDF reader for the preflight. It finds `N G obj` headers and trailers by scanning
 * (like pdf-lib's own parser it does not trust the xref table, so damaged files still open), but parses
 * each object only within its own span and decodes object streams through the work budget. pdf-lib's
 * PDFParser is not used here because its xref-stream and object-stream handling loops on declared
 * counts and decompresses without a cap.
 */

export interface PdfHeader {
  /** "1.7", or null when no `%PDF-n.m` is found in the first 1024 bytes. */
  readonly version: string | null;
  readonly atStart: boolean;
  /** The header line is followed by a comment with at least four bytes above 127. */
  readonly binaryComment: boolean;
}

export interface ParsedPdf {
  readonly context: PDFContext;
  readonly header: PdfHeader;
  /** Bytes after the last `%%EOF` beyond one end-of-line; null when there is no `%%EOF`. */
  readonly bytesAfterEof: number | null;
  /** English notes on damage that the reader worked around. */
  readonly problems: readonly string[];
  readonly catalog: PDFDict | undefined;
  readonly usesObjectStreams: boolean;
}

const WS = '[\\0\\t\\n\\f\\r ]';
/** What must precede an `obj` keyword: object and generation number (anchored at the keyword). */
const OBJECT_NUMBERS = new RegExp(`(\\d{1,10})${WS}+(\\d{1,5})${WS}+$`);
const AFTER_TRAILER = new RegExp(`^${WS}*<<`);
/** Room before `obj` for the longest object and generation numbers with generous whitespace. */
const NUMBERS_WINDOW = 64;

interface Event {
  readonly kind: 'object' | 'trailer';
  readonly pos: number;
  readonly bodyStart: number;
  readonly ref?: PDFRef;
}

export function readHeader(text: string): PdfHeader {
  const head = text.slice(0, 1024);
  const match = /%PDF-(\d\.\d)/.exec(head);
  if (!match) return { version: null, atStart: false, binaryComment: false };
  const afterHeader = /^(?:\r\n|\r|\n)%([^\r\n]*)/.exec(
    text.slice(match.index + match[0].length, match.index + 200),
  );
  const binaryComment =
    afterHeader !== null &&
    [...afterHeader[1]!.slice(0, 4)].filter((c) => c.charCodeAt(0) > 127).length === 4;
  return { version: match[1]!, atStart: match.index === 0, binaryComment };
}

function bytesAfterEof(text: string): number | null {
  const eof = text.lastIndexOf('%%EOF');
  if (eof < 0) return null;
  const rest = text.slice(eof + 5);
  return rest.replace(/^(\r\n|\r|\n)/, '').length;
}

const isWordChar = (code: number | undefined) =>
  code !== undefined &&
  ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122));

/**
 * Finds every `N G obj` header and `trailer <<`. The keywords are searched with indexOf and the numbers
 * checked backwards from there: a regular expression tried at every byte spent most of a preflight in the
 * binary data of images.
 */
function findEvents(text: string, budget: WorkBudget): Event[] {
  const events: Event[] = [];
  const add = (event: Event) => {
    if (events.length >= budget.limits.maxObjects) throw new WorkLimitExceeded('maxObjects');
    events.push(event);
  };
  let previousEnd = 0;
  for (let at = text.indexOf('obj'); at >= 0; at = text.indexOf('obj', at + 3)) {
    if (isWordChar(text.charCodeAt(at + 3))) continue;
    // Headers do not overlap: the numbers of one start after the end of the one before.
    const from = Math.max(previousEnd, at - NUMBERS_WINDOW);
    const m = OBJECT_NUMBERS.exec(text.slice(from, at));
    if (!m) continue;
    previousEnd = at + 3;
    add({ kind: 'object', pos: from + m.index, bodyStart: at + 3, ref: PDFRef.of(Number(m[1]), Number(m[2])) });
  }
  for (let at = text.indexOf('trailer'); at >= 0; at = text.indexOf('trailer', at + 7)) {
    const rest = text.slice(at + 7, at + 7 + NUMBERS_WINDOW);
    if (AFTER_TRAILER.test(rest)) add({ kind: 'trailer', pos: at, bodyStart: at + 'trailer'.length });
  }
  return events.sort((a, b) => a.pos - b.pos);
}

class Reader {
  readonly context = PDFContext.create();
  readonly problems: string[] = [];
  usesObjectStreams = false;
  private retryBytes = 0;
  private unparsed = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly text: string,
    private readonly budget: WorkBudget,
  ) {}

  /** Parses one object from `start` up to `end`; stack overflow from deep nesting becomes a limit. */
  private parseAt(start: number, end: number): PDFObject {
    try {
      return PDFObjectParser.forBytes(this.bytes.subarray(start, end), this.context).parseObject();
    } catch (e) {
      if (e instanceof RangeError) throw new WorkLimitExceeded('maxDepth');
      throw e;
    }
  }

  /** Returns where the object ends, so headers inside its stream data are not taken for objects. */
  readObject(event: Event, end: number): number {
    this.budget.object();
    let object: PDFObject;
    try {
      object = this.parseAt(event.bodyStart, end);
    } catch (e) {
      if (e instanceof WorkLimitExceeded) throw e;
      // The span may end at a false header inside binary stream data: retry up to the real endobj,
      // with the retried bytes capped at twice the file size so this cannot turn quadratic.
      const endstream = this.text.indexOf('endstream', event.bodyStart);
      const endobj = endstream < 0 ? -1 : this.text.indexOf('endobj', endstream);
      if (endobj <= end || this.retryBytes + (endobj - event.bodyStart) > 2 * this.bytes.length) {
        this.unparsed++;
        return event.bodyStart;
      }
      this.retryBytes += endobj - event.bodyStart;
      try {
        object = this.parseAt(event.bodyStart, endobj);
      } catch (again) {
        if (again instanceof WorkLimitExceeded) throw again;
        this.unparsed++;
        return event.bodyStart;
      }
    }
    let objectEnd = event.bodyStart;
    if (object instanceof PDFRawStream) {
      const endstream = this.text.indexOf('endstream', event.bodyStart + object.contents.length);
      objectEnd = endstream < 0 ? this.bytes.length : endstream + 'endstream'.length;
      const type = object.dict.lookup(PDFName.of('Type'));
      if (type === PDFName.of('ObjStm')) {
        this.readObjectStream(object);
        return objectEnd;
      }
      if (type === PDFName.of('XRef')) {
        this.mergeTrailer(object.dict);
        return objectEnd;
      }
    }
    this.context.assign(event.ref!, object);
    return objectEnd;
  }

  readTrailer(event: Event, end: number): void {
    try {
      const dict = this.parseAt(event.bodyStart, end);
      if (dict instanceof PDFDict) this.mergeTrailer(dict);
      else this.problems.push('trailer is not a dictionary');
    } catch (e) {
      if (e instanceof WorkLimitExceeded) throw e;
      this.problems.push('trailer dictionary cannot be parsed');
    }
  }

  private mergeTrailer(dict: PDFDict): void {
    const info = this.context.trailerInfo;
    this.context.trailerInfo = {
      Root: dict.get(PDFName.of('Root')) ?? info.Root,
      Encrypt: dict.get(PDFName.of('Encrypt')) ?? info.Encrypt,
      Info: dict.get(PDFName.of('Info')) ?? info.Info,
      ID: dict.get(PDFName.of('ID')) ?? info.ID,
    };
  }

  private readObjectStream(stream: PDFRawStream): void {
    this.usesObjectStreams = true;
    const count = stream.dict.lookup(PDFName.of('N'));
    const first = stream.dict.lookup(PDFName.of('First'));
    if (!(count instanceof PDFNumber) || !(first instanceof PDFNumber)) {
      this.problems.push('object stream without /N or /First');
      return;
    }
    const decoded = decodeStream(stream, this.budget);
    if (!decoded.ok) {
      this.problems.push(`object stream not readable: ${decoded.problem}`);
      return;
    }
    const data = decoded.bytes;
    const firstOffset = first.asNumber();
    const header = Buffer.from(data.buffer, data.byteOffset, Math.min(firstOffset, data.length)).toString(
      'latin1',
    );
    const numbers = (header.match(/\d+/g) ?? []).map(Number);
    const n = Math.min(count.asNumber(), Math.floor(numbers.length / 2));
    for (let i = 0; i < n; i++) {
      this.budget.object();
      const objectNumber = numbers[2 * i]!;
      const start = firstOffset + numbers[2 * i + 1]!;
      if (start >= data.length) {
        this.unparsed++;
        continue;
      }
      try {
        const object = PDFObjectParser.forBytes(data.subarray(start), this.context).parseObject();
        this.context.assign(PDFRef.of(objectNumber, 0), object);
      } catch (e) {
        if (e instanceof RangeError) throw new WorkLimitExceeded('maxDepth');
        this.unparsed++;
      }
    }
  }

  catalog(): PDFDict | undefined {
    const isCatalog = (o: PDFObject | undefined): o is PDFDict =>
      o instanceof PDFDict && o.lookup(PDFName.of('Type')) === PDFName.of('Catalog');
    const root = this.context.trailerInfo.Root;
    const declared = root instanceof PDFRef ? this.context.lookup(root) : root;
    if (isCatalog(declared)) return declared;
    for (const [ref, object] of this.context.enumerateIndirectObjects()) {
      if (isCatalog(object)) {
        this.problems.push('trailer /Root missing or wrong; catalog found by scanning');
        this.context.trailerInfo.Root = ref;
        return object;
      }
    }
    return undefined;
  }

  finish(): void {
    if (this.unparsed > 0) this.problems.push(`${this.unparsed} object(s) could not be parsed`);
  }
}

export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Reads every object it can find; throws {@link WorkLimitExceeded} when the budget runs out. */
export function parsePdf(bytes: Uint8Array, budget: WorkBudget): ParsedPdf {
  const text = latin1(bytes);
  const reader = new Reader(bytes, text, budget);
  const events = findEvents(text, budget);
  let consumedUntil = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.pos < consumedUntil) continue;
    const end = events[i + 1]?.pos ?? bytes.length;
    if (event.kind === 'object') consumedUntil = reader.readObject(event, end);
    else reader.readTrailer(event, end);
  }
  reader.finish();
  const catalog = reader.catalog();
  return {
    context: reader.context,
    header: readHeader(text),
    bytesAfterEof: bytesAfterEof(text),
    problems: reader.problems,
    catalog,
    usesObjectStreams: reader.usesObjectStreams,
  };
}
