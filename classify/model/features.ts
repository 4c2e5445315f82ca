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

function hashWord(seed: number, w: string): number {
  let h = FNV_OFFSET ^ seed;
  for (let i = 0; i < w.length; i++) h = mix(h, w.charCodeAt(i));
  return h >>> 0;
}

/** Words as the classifier sees them: letter-folded (OCR digits in words read as letters), two letters or more. */
export function wordsOf(text: string, maxChars: number): string[] {
  const view = createTextView(text, maxChars);
  return letterFold(view.text).match(/\p{L}{2,}/gu) ?? [];
}

export const wordHash = (w: string): number => hashWord(WORD, w);

/**
 * Word unigrams, word bigrams and character 3- to 5-grams of each word (with word boundaries), hashed
 * into 2^hashBits buckets. Character n-grams make the features robust to single OCR errors in a word.
 */
export function featurize(text: string, options: FeatureOptions, explain?: false): SparseVector;
export function featurize(text: string, options: FeatureOptions, explain: true): ExplainedVector;
export function featurize(text: string, options: FeatureOptions, explain = false): SparseVector | ExplainedVector {
  const mask = (1 << options.hashBits) - 1;
  const words = wordsOf(text, options.maxChars);
  const counts = new Map<number, number>();
  const owner = explain ? new Map<number, number>() : null;
  const add = (h: number, word: number) => {
    const f = h & mask;
    counts.set(f, (counts.get(f) ?? 0) + 1);
    if (owner && !owner.has(f)) owner.set(f, word);
  };
  for (let wi = 0; wi < words.length; wi++) {
    const w = words[wi]!;
    add(hashWord(WORD, w), wi);
    if (wi > 0) add(hashWord(BIGRAM, `${words[wi - 1]} ${w}`), wi);
    const padded = `<${w}>`;
    for (let i = 0; i + 3 <= padded.length; i++) {
      let h = FNV_OFFSET ^ CHARS;
      for (let j = i; j < Math.min(i + 5, padded.length); j++) {
        h = mix(h, padded.charCodeAt(j));
        if (j - i >= 2) add(h >>> 0, wi);
      }
    }
  }
  const indices = Uint32Array.from(counts.keys()).sort();
  const values = new Float32Array(indices.length);
  let norm = 0;
  for (let i = 0; i < indices.length; i++) {
    const v = 1 + Math.log(counts.get(indices[i]!)!);
    values[i] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < values.length; i++) values[i]! *= scale;
  if (!owner) return { indices, values };
  const wordOf = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) wordOf[i] = owner.get(indices[i]!)!;
  return { indices, values, words, wordOf };
}
