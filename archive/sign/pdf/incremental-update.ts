import type { PDFRef} from 'pdf-lib';
import { PDFDict, PDFHexString, PDFName, PDFNumber, type PDFContext, type PDFObject } from 'pdf-lib';
import type { XrefChain } from './xref';

/** An object written by an update: new, or a new version of an existing one under its old number. */
export interface UpdateObject {
  readonly ref: PDFRef;
  readonly object: PDFObject;
}

export interface IncrementalUpdate {
  /** The original bytes followed by the update: a new array. */
  readonly bytes: Uint8Array;
  /** Where each written object starts in `bytes`, by object number. */
  readonly offsets: ReadonlyMap<number, number>;
}

const enc = new TextEncoder();

/**
 * Appends objects as an incremental update (ISO 32000-1, 7.5.6): the original bytes stay untouched,
 * so earlier signatures keep their byte ranges and a PDF/A keeps the objects it was checked with.
 * The new xref section has the format of the newest existing one, since PDF/A-1 forbids xref streams
 * and a stream-only reader cannot follow a classic table.
 */
export function appendIncrementalUpdate(
  original: Uint8Array,
  xref: XrefChain,
  objects: readonly UpdateObject[],
  context: PDFContext,
  documentId: { readonly first: Uint8Array; readonly second: Uint8Array },
): IncrementalUpdate {
  const parts: Uint8Array[] = [original];
  let length = original.length;
  const push = (bytes: Uint8Array) => {
    parts.push(bytes);
    length += bytes.length;
  };
  const last = original[original.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(enc.encode('\n'));

  const offsets = new Map<number, { offset: number; generation: number }>();
  for (const { ref, object } of objects) {
    offsets.set(ref.objectNumber, { offset: length, generation: ref.generationNumber });
    push(enc.encode(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
    push(serialize(object));
    push(enc.encode('\nendobj\n'));
  }

  const trailerEntries = new Map<string, PDFObject>();
  for (const key of ['Root', 'Info'] as const) {
    const value = xref.trailer.get(PDFName.of(key));
    if (value) trailerEntries.set(key, value);
  }
  trailerEntries.set(
    'ID',
    context.obj([PDFHexString.of(hex(documentId.first)), PDFHexString.of(hex(documentId.second))]),
  );
  trailerEntries.set('Prev', PDFNumber.of(xref.startxref));

  const xrefOffset = length;
  if (xref.sections[0]!.format === 'table') {
    push(enc.encode(classicTable(offsets)));
    const size = Math.max(xref.size, ...[...offsets.keys()].map((n) => n + 1));
    const trailer = dict(context, [['Size', PDFNumber.of(size)], ...trailerEntries]);
    push(enc.encode('trailer\n'));
    push(serialize(trailer));
  } else {
    const streamNumber = Math.max(xref.size, ...[...offsets.keys()].map((n) => n + 1));
    offsets.set(streamNumber, { offset: xrefOffset, generation: 0 });
    push(xrefStream(context, streamNumber, offsets, trailerEntries));
  }
  push(enc.encode(`\nstartxref\n${xrefOffset}\n%%EOF\n`));

  const out = new Uint8Array(length);
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return { bytes: out, offsets: new Map([...offsets].map(([num, o]) => [num, o.offset])) };
}

/** Consecutive object numbers form one subsection; each entry is exactly 20 bytes. */
function classicTable(offsets: ReadonlyMap<number, { offset: number; generation: number }>): string {
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let out = 'xref\n';
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    out += `${nums[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const { offset, generation } = offsets.get(nums[k]!)!;
      out += `${String(offset).padStart(10, '0')} ${String(generation).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  return out;
}

/** An uncompressed xref stream holding the update's entries, itself included. */
function xrefStream(
  context: PDFContext,
  streamNumber: number,
  offsets: ReadonlyMap<number, { offset: number; generation: number }>,
  trailerEntries: ReadonlyMap<string, PDFObject>,
): Uint8Array {
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  const maxOffset = Math.max(...[...offsets.values()].map((o) => o.offset));
  const offsetWidth = Math.max(1, Math.ceil(Math.log2(maxOffset + 1) / 8));
  const index: number[] = [];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    index.push(nums[i]!, j - i + 1);
    i = j + 1;
  }
  const rowLength = 1 + offsetWidth + 2;
  const data = new Uint8Array(nums.length * rowLength);
  nums.forEach((num, row) => {
    const { offset, generation } = offsets.get(num)!;
    const at = row * rowLength;
    data[at] = 1;
    for (let b = 0; b < offsetWidth; b++) data[at + 1 + b] = Math.floor(offset / 256 ** (offsetWidth - 1 - b)) & 0xff;
    data[at + 1 + offsetWidth] = (generation >> 8) & 0xff;
    data[at + 2 + offsetWidth] = generation & 0xff;
  });
  const streamDict = dict(context, [
    ['Type', PDFName.of('XRef')],
    ['Size', PDFNumber.of(streamNumber + 1)],
    ['Index', context.obj(index)],
    ['W', context.obj([1, offsetWidth, 2])],
    ['Length', PDFNumber.of(data.length)],
    ...trailerEntries,
  ]);
  const head = enc.encode(`${streamNumber} 0 obj\n`);
  const body = serialize(streamDict);
  const tail = enc.encode('\nendobj');
  const out = new Uint8Array(head.length + body.length + 8 + data.length + 10 + tail.length);
  let pos = 0;
  for (const p of [head, body, enc.encode('\nstream\n'), data, enc.encode('\nendstream'), tail]) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

function dict(context: PDFContext, entries: Iterable<readonly [string, PDFObject]>): PDFDict {
  const d = PDFDict.withContext(context);
  for (const [k, v] of entries) d.set(PDFName.of(k), v);
  return d;
}

export function serialize(object: PDFObject): Uint8Array {
  const out = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(out, 0);
  return out;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
