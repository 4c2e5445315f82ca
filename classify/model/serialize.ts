import { AppError } from '../../contract/app-error';
import { modelFormatVersion, type AmtModel, type ModelOptions } from './amt-model';
import type { SoftmaxHead } from './softmax-head';

// Binary layout, little-endian: "EAKM", u16 format version, u32 header length, JSON header; per head
// (Aktenplan, then document type) the active flags, the biases, the number of non-zero weight rows and
// those rows (u32 feature index, then one f32 per label); finally the seen-word bit set.
// Only rows a document ever touched are stored, so a model is a few MB, not 2^hashBits × labels.

const MAGIC = [0x45, 0x41, 0x4b, 0x4d];

interface Header {
  amtId: string;
  options: ModelOptions;
  examples: number;
  heads: { labels: string[]; temperature: number }[];
}

const nonZeroRows = (h: SoftmaxHead): number[] => {
  const k = h.labels.length;
  const rows: number[] = [];
  for (let f = 0; f < h.dims; f++) {
    for (let c = 0; c < k; c++) {
      if (h.weights[f * k + c] !== 0) {
        rows.push(f);
        break;
      }
    }
  }
  return rows;
};

export function serializeAmtModel(model: AmtModel): Uint8Array {
  const heads = [model.aktenplan, model.documentType];
  const header: Header = {
    amtId: model.amtId,
    options: model.options,
    examples: model.examples,
    heads: heads.map((h) => ({ labels: [...h.labels], temperature: h.temperature })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const rows = heads.map(nonZeroRows);
  let size = 4 + 2 + 4 + json.length + model.seenWords.length;
  heads.forEach((h, i) => {
    const k = h.labels.length;
    size += k + 4 * k + 4 + rows[i]!.length * (4 + 4 * k);
  });
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let o = 0;
  bytes.set(MAGIC, o);
  o += 4;
  view.setUint16(o, modelFormatVersion, true);
  o += 2;
  view.setUint32(o, json.length, true);
  o += 4;
  bytes.set(json, o);
  o += json.length;
  heads.forEach((h, i) => {
    const k = h.labels.length;
    bytes.set(h.active, o);
    o += k;
    for (let c = 0; c < k; c++, o += 4) view.setFloat32(o, h.bias[c]!, true);
    view.setUint32(o, rows[i]!.length, true);
    o += 4;
    for (const f of rows[i]!) {
      view.setUint32(o, f, true);
      o += 4;
      for (let c = 0; c < k; c++, o += 4) view.setFloat32(o, h.weights[f * k + c]!, true);
    }
  });
  bytes.set(model.seenWords, o);
  return bytes;
}

const unreadable = (why: string): AppError => new AppError('classify.model_unreadable', {}, `stored model unreadable: ${why}`);

/** Reads a stored model; `amtId` guards against loading one Amt's model for another. */
export function deserializeAmtModel(bytes: Uint8Array, amtId?: string): AmtModel {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw unreadable('bad magic');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== modelFormatVersion) {
    throw new AppError('classify.model_version_unsupported', { found: version, expected: modelFormatVersion },
      `stored model has format ${version}`);
  }
  let o = 10;
  const need = (n: number) => {
    if (o + n > bytes.length) throw unreadable('truncated');
  };
  const jsonLength = view.getUint32(6, true);
  need(jsonLength);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(o, o + jsonLength))) as Header;
  } catch (e) {
    throw new AppError('classify.model_unreadable', {}, 'stored model header is not JSON', { cause: e });
  }
  o += jsonLength;
  if (amtId !== undefined && header.amtId !== amtId) {
    throw new AppError('classify.wrong_amt', { modelAmt: header.amtId, amtId }, 'model of another Amt requested');
  }
  const dims = 1 << header.options.hashBits;
  const heads = header.heads.map(({ labels, temperature }) => {
    const k = labels.length;
    need(k + 4 * k + 4);
    const head: SoftmaxHead = {
      labels,
      dims,
      weights: new Float32Array(dims * k),
      bias: new Float32Array(k),
      active: bytes.slice(o, o + k),
      temperature,
    };
    o += k;
    for (let c = 0; c < k; c++, o += 4) head.bias[c] = view.getFloat32(o, true);
    const rows = view.getUint32(o, true);
    o += 4;
    need(rows * (4 + 4 * k));
    for (let r = 0; r < rows; r++) {
      const f = view.getUint32(o, true);
      o += 4;
      if (f >= dims) throw unreadable('feature index out of range');
      for (let c = 0; c < k; c++, o += 4) head.weights[f * k + c] = view.getFloat32(o, true);
    }
    return head;
  });
  const seenLength = bytes.length - o;
  if (heads.length !== 2 || seenLength <= 0) throw unreadable('layout');
  return {
    amtId: header.amtId,
    options: header.options,
    aktenplan: heads[0]!,
    documentType: heads[1]!,
    seenWords: bytes.slice(o),
    examples: header.examples,
  };
}
