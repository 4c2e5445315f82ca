import { constants, inflateSync } from 'node:zlib';
import { PDFArray, PDFName, type PDFRawStream } from 'pdf-lib';
import { WorkLimitExceeded, type WorkBudget } from './work-budget';

export type DecodeResult =
  { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly problem: string };

/** Filter names of a stream dictionary, in order (a single name or an array). */
export function streamFilters(stream: PDFRawStream): string[] {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray) {
    return filter.asArray().map((f) => (f instanceof PDFName ? f.decodeText() : '?'));
  }
  return [];
}

/**
 * Decodes the streams the preflight reads itself (XMP, ICC profiles, object streams). Only no filter and
 * FlateDecode without predictor are supported: that covers what conforming writers produce, and zlib's
 * output cap keeps a decompression bomb from allocating more than the budget allows.
 */
export function decodeStream(stream: PDFRawStream, budget: WorkBudget): DecodeResult {
  const filters = streamFilters(stream);
  if (filters.length === 0) {
    budget.decodedBytes(stream.contents.length);
    return { ok: true, bytes: stream.contents };
  }
  if (filters.length > 1 || (filters[0] !== 'FlateDecode' && filters[0] !== 'Fl')) {
    return { ok: false, problem: `unsupported filter ${filters.join('+')}` };
  }
  if (stream.dict.lookup(PDFName.of('DecodeParms')) !== undefined) {
    return { ok: false, problem: 'FlateDecode with DecodeParms not supported here' };
  }
  const allowance = budget.decodeAllowance();
  if (allowance.bytes <= 0) throw new WorkLimitExceeded(allowance.limit);
  try {
    const bytes = inflateSync(stream.contents, {
      maxOutputLength: allowance.bytes,
      finishFlush: constants.Z_SYNC_FLUSH,
    });
    budget.decodedBytes(bytes.length);
    return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new WorkLimitExceeded(allowance.limit);
    }
    return { ok: false, problem: 'corrupt FlateDecode data' };
  }
}
