import { letterFold } from '../text/ocr-chars';
import { createTextView } from '../text/text-view';

/** A document as hashed features: sorted unique indices with L2-normalised sublinear counts. */
export interface SparseVector {
  readonly indices: Uint32Array;
  readonly values: Float32Array;
}

/** Also says which word each feature came from, for explaining a proposal. */
export interface ExplainedVector extends SparseVector {
  readonly words: readonly string[];
  /** per feature: index into `words` of the word it belongs to (bigrams: the second word) */
  readonly wordOf: Int32Array;
}

export interface FeatureOptions {
  /** log2 of the hashed feature space (memory of one head: 2^bits × classes × 4 bytes) */
  readonly hashBits: number;
  /** Only the first this many characters count: the subject matter of a letter is on its first pages. */
  readonly maxChars: number;
}

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;
// Separate hash streams so that a word, a bigram and a character n-gram never share a bucket on purpose.
const WORD = 0x5bd1e995;
const BIGRAM = 0x27d4eb2f;
const CHARS = 0x165667b1;

const mix = (h: number, code: number): number => Math.imul(h ^ code, FNV_PRIME);

function hashChars(h: number, w: string): number {
  for (let i = 0; i < w.length; i++) h = mix(h, w.charCodeAt(i));
  return h;
}

const hashWord = (seed: number, w: string): number => hashChars(FNV_OFFSET ^ seed, w) >>> 0;

/** Words as the classifier sees them: letter-folded (OCR digits in words read as letters), two letters or more. */
export function wordsOf(text: string, maxChars: number): string[] {
  const view = createTextView(text, maxChars);
  return letterFold(view.text).match(/\p{L}{2,}/gu) ?? [];
}

export const wordHash = (w: string): number => hashWord(WORD, w);

// Counting buffers reused across documents (featurising is synchronous): a count and the first word per
// bucket, and the buckets the current document touched, so that only those are reset afterwards.
let buffers: { counts: Uint32Array; owner: Int32Array; touched: Uint32Array } | null = null;
function buffersFor(dims: number) {
  if (buffers?.counts.length !== dims) {
    buffers = { counts: new Uint32Array(dims), owner: new Int32Array(dims), touched: new Uint32Array(dims) };
  }
  return buffers;
}

/**
 * Word unigrams, word bigrams and character 3- to 5-grams of each word (with word boundaries), hashed
 * into 2^hashBits buckets. Character n-grams make the features robust to single OCR errors in a word.
 */
export function featurize(text: string, options: FeatureOptions, explain?: false): SparseVector;
export function featurize(text: string, options: FeatureOptions, explain: true): ExplainedVector;
export function featurize(text: string, options: FeatureOptions, explain = false): SparseVector | ExplainedVector {
  return explain
    ? featurizeWords(wordsOf(text, options.maxChars), options, true)
    : featurizeWords(wordsOf(text, options.maxChars), options);
}

/** `featurize` for words already taken from the text with `wordsOf` (training tokenises each document once). */
export function featurizeWords(words: readonly string[], options: FeatureOptions, explain?: false): SparseVector;
export function featurizeWords(words: readonly string[], options: FeatureOptions, explain: true): ExplainedVector;
export function featurizeWords(words: readonly string[], options: FeatureOptions, explain = false): SparseVector | ExplainedVector {
  const mask = (1 << options.hashBits) - 1;
  const { counts, owner, touched } = buffersFor(mask + 1);
  let distinct = 0;
  const add = (h: number, word: number) => {
    const f = h & mask;
    if (counts[f]!++ === 0) {
      touched[distinct++] = f;
      owner[f] = word;
    }
  };
  for (let wi = 0; wi < words.length; wi++) {
    const w = words[wi]!;
    add(hashWord(WORD, w), wi);
    // The hash of "previous word, space, word" without building that string.
    if (wi > 0) add(hashChars(mix(hashChars(FNV_OFFSET ^ BIGRAM, words[wi - 1]!), 32), w) >>> 0, wi);
    // Character n-grams of "<word>": position 0 is '<', position length + 1 is '>'.
    const padded = w.length + 2;
    for (let i = 0; i + 3 <= padded; i++) {
      let h = FNV_OFFSET ^ CHARS;
      for (let j = i; j < Math.min(i + 5, padded); j++) {
        h = mix(h, j === 0 ? 60 : j === padded - 1 ? 62 : w.charCodeAt(j - 1));
        if (j - i >= 2) add(h >>> 0, wi);
      }
    }
  }
  const indices = touched.slice(0, distinct).sort();
  const values = new Float32Array(distinct);
  let norm = 0;
  for (let i = 0; i < distinct; i++) {
    const v = 1 + Math.log(counts[indices[i]!]!);
    values[i] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < distinct; i++) values[i]! *= scale;
  const wordOf = explain ? new Int32Array(distinct) : null;
  for (let i = 0; i < distinct; i++) {
    const f = indices[i]!;
    counts[f] = 0;
    if (wordOf) wordOf[i] = owner[f]!;
  }
  return wordOf ? { indices, values, words, wordOf } : { indices, values };
}
