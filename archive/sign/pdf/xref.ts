import {
  decodePDFRawStream,
  PDFArray,
  PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib';
import { AppError } from '../../../contract/app-error';
import { unpredictPng } from './png-predictor';

export type XrefEntry =
  | { readonly kind: 'free' }
  | { readonly kind: 'offset'; readonly offset: number; readonly generation: number }
  | { readonly kind: 'compressed'; readonly stream: number; readonly index: number };

/** One cross-reference section: a classic table with its trailer, or an xref stream. */
export interface XrefSection {
  readonly offset: number;
  readonly format: 'table' | 'stream';
  /** The trailer dictionary; for an xref stream its stream dictionary. */
  readonly trailer: PDFDict;
  readonly entries: ReadonlyMap<number, XrefEntry>;
}

/** All sections reachable from the last startxref, newest first, and what they add up to. */
export interface XrefChain {
  readonly sections: readonly XrefSection[];
  /** The newest section's offset, i.e. the /Prev of an update appended now. */
  readonly startxref: number;
  /** /Size of the newest trailer: the first object number an update may use. */
  readonly size: number;
  readonly trailer: PDFDict;
  /** The newest entry per object number. */
  readonly effective: ReadonlyMap<number, XrefEntry>;
}

const MAX_SECTIONS = 10_000;

class XrefError extends Error {}

/**
 * Reads the cross-reference chain strictly and checks that every object it points to is where it
 * says. pdf-lib reads PDFs without their xref, so it cannot tell a broken file from a good one; an
 * incremental update written onto a broken xref would make the whole file unreadable.
 */
export function readXrefChain(pdf: Uint8Array): XrefChain {
  try {
    return readChain(pdf);
  } catch (err) {
    if (err instanceof XrefError)
      throw new AppError('sign.pdf_broken', {}, `cross-reference chain: ${err.message}`, { cause: err });
    throw err;
  }
}

function readChain(pdf: Uint8Array): XrefChain {
  const startxref = lastStartxref(pdf);
  const sections: XrefSection[] = [];
  const seen = new Set<number>();
  const context = PDFContext.create();
  for (let offset: number | undefined = startxref; offset !== undefined; ) {
    if (seen.has(offset) || sections.length >= MAX_SECTIONS) throw new XrefError('loop in /Prev chain');
    seen.add(offset);
    const section = readSection(pdf, offset, context);
    sections.push(section);
    // A hybrid file's table trailer names an xref stream holding the compressed objects.
    const xrefStm = section.trailer.get(PDFName.of('XRefStm'));
    if (section.format === 'table' && xrefStm instanceof PDFNumber && !seen.has(xrefStm.asNumber())) {
      seen.add(xrefStm.asNumber());
      sections.push(readSection(pdf, xrefStm.asNumber(), context));
    }
    const prev = section.trailer.get(PDFName.of('Prev'));
    offset = prev instanceof PDFNumber ? prev.asNumber() : undefined;
  }
  const effective = new Map<number, XrefEntry>();
  for (const section of sections)
    for (const [num, entry] of section.entries) if (!effective.has(num)) effective.set(num, entry);

  const trailer = sections[0]!.trailer;
  const size = trailer.get(PDFName.of('Size'));
  if (!(size instanceof PDFNumber)) throw new XrefError('trailer without /Size');
  if (!(trailer.get(PDFName.of('Root')) instanceof PDFRef)) throw new XrefError('trailer without /Root');
  checkEntries(pdf, effective);
  return { sections, startxref, size: size.asNumber(), trailer, effective };
}

function lastStartxref(pdf: Uint8Array): number {
  const tail = latin1(pdf, Math.max(0, pdf.length - 2048), pdf.length);
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!match) throw new XrefError('no startxref/%%EOF at the end');
  const offset = Number(match[1]);
  if (offset >= pdf.length) throw new XrefError('startxref beyond the end');
  return offset;
}

function readSection(pdf: Uint8Array, offset: number, context: PDFContext): XrefSection {
  const head = latin1(pdf, offset, Math.min(pdf.length, offset + 64));
  if (head.startsWith('xref')) return readTable(pdf, offset, context);
  if (/^\d+\s+\d+\s+obj/.test(head)) return readStream(pdf, offset, context);
  throw new XrefError(`no xref section at ${offset}`);
}

function readTable(pdf: Uint8Array, offset: number, context: PDFContext): XrefSection {
  const entries = new Map<number, XrefEntry>();
  let pos = offset + 4;
  for (;;) {
    const window = latin1(pdf, pos, Math.min(pdf.length, pos + 64));
    const sub = /^\s*(\d+)\s+(\d+)[ \t]*(?:\r\n|\r|\n)/.exec(window);
    if (!sub) break;
    const first = Number(sub[1]);
    const count = Number(sub[2]);
    pos += sub[0].length;
    if (pos + count * 20 > pdf.length) throw new XrefError(`xref subsection beyond the end at ${pos}`);
    for (let i = 0; i < count; i++, pos += 20) {
      const entry = /^(\d{10}) (\d{5}) ([nf])[ \r\n]{2}$/.exec(latin1(pdf, pos, pos + 20));
      if (!entry) throw new XrefError(`malformed xref entry at ${pos}`);
      entries.set(
        first + i,
        entry[3] === 'n' ? { kind: 'offset', offset: Number(entry[1]), generation: Number(entry[2]) } : { kind: 'free' },
      );
    }
  }
  const trailerAt = latin1(pdf, pos, Math.min(pdf.length, pos + 64)).search(/\S/);
  if (trailerAt < 0 || latin1(pdf, pos + trailerAt, pos + trailerAt + 7) !== 'trailer')
    throw new XrefError(`no trailer after xref table at ${offset}`);
  const trailer = parseObjectAt(pdf, pos + trailerAt + 7, context);
  if (!(trailer instanceof PDFDict)) throw new XrefError('trailer is no dictionary');
  return { offset, format: 'table', trailer, entries };
}

function readStream(pdf: Uint8Array, offset: number, context: PDFContext): XrefSection {
  const header = /^\d+\s+\d+\s+obj/.exec(latin1(pdf, offset, offset + 64))!;
  const stream = parseObjectAt(pdf, offset + header[0].length, context);
  if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Type')) !== PDFName.of('XRef'))
    throw new XrefError(`object at ${offset} is no xref stream`);
  const dict = stream.dict;
  const widths = numbers(dict.get(PDFName.of('W')));
  const size = dict.get(PDFName.of('Size'));
  if (widths.length !== 3 || !(size instanceof PDFNumber)) throw new XrefError('xref stream without /W or /Size');
  const index = dict.get(PDFName.of('Index')) ? numbers(dict.get(PDFName.of('Index'))) : [0, size.asNumber()];
  const data = decodeXrefData(stream);
  const rowLength = widths[0]! + widths[1]! + widths[2]!;
  const entries = new Map<number, XrefEntry>();
  let pos = 0;
  for (let s = 0; s + 1 < index.length; s += 2) {
    for (let i = 0; i < index[s + 1]!; i++, pos += rowLength) {
      if (pos + rowLength > data.length) throw new XrefError('xref stream shorter than its /Index');
      const field = (n: number, start: number) => readField(data, pos + start, widths[n]!);
      const type = widths[0] === 0 ? 1 : field(0, 0);
      const a = field(1, widths[0]!);
      const b = field(2, widths[0]! + widths[1]!);
      const entry: XrefEntry =
        type === 0
          ? { kind: 'free' }
          : type === 1
            ? { kind: 'offset', offset: a, generation: b }
            : { kind: 'compressed', stream: a, index: b };
      entries.set(index[s]! + i, entry);
    }
  }
  return { offset, format: 'stream', trailer: dict, entries };
}

function decodeXrefData(stream: PDFRawStream): Uint8Array {
  let data: Uint8Array;
  try {
    data = decodePDFRawStream(stream).decode();
  } catch (err) {
    throw new XrefError(`xref stream cannot be decoded: ${String(err)}`);
  }
  const parms = stream.dict.get(PDFName.of('DecodeParms'));
  if (parms instanceof PDFDict) {
    const predictor = parms.get(PDFName.of('Predictor'));
    const columns = parms.get(PDFName.of('Columns'));
    if (predictor instanceof PDFNumber && predictor.asNumber() >= 10) {
      try {
        return unpredictPng(data, columns instanceof PDFNumber ? columns.asNumber() : 1);
      } catch (err) {
        throw new XrefError(String(err));
      }
    }
  }
  return data;
}

function checkEntries(pdf: Uint8Array, effective: ReadonlyMap<number, XrefEntry>): void {
  for (const [num, entry] of effective) {
    if (entry.kind === 'offset' && num !== 0) {
      const head = latin1(pdf, entry.offset, Math.min(pdf.length, entry.offset + 32));
      const m = /^\s*(\d+)\s+(\d+)\s+obj/.exec(head);
      if (!m || Number(m[1]) !== num) throw new XrefError(`object ${num} is not at offset ${entry.offset}`);
    } else if (entry.kind === 'compressed') {
      if (effective.get(entry.stream)?.kind !== 'offset')
        throw new XrefError(`object ${num} is in missing object stream ${entry.stream}`);
    }
  }
}

function parseObjectAt(pdf: Uint8Array, offset: number, context: PDFContext) {
  try {
    return PDFObjectParser.forBytes(pdf.subarray(offset), context).parseObject();
  } catch (err) {
    throw new XrefError(`unparsable object at ${offset}: ${String(err)}`);
  }
}

const numbers = (obj: unknown): number[] =>
  obj instanceof PDFArray
    ? obj.asArray().map((o) => {
        if (!(o instanceof PDFNumber)) throw new XrefError('non-numeric array entry');
        return o.asNumber();
      })
    : [];

function readField(data: Uint8Array, start: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v = v * 256 + data[start + i]!;
  return v;
}

export const latin1 = (bytes: Uint8Array, start: number, end: number): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString('latin1');
