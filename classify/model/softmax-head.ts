import type { SparseVector } from './features';

/**
 * Multinomial logistic regression over hashed features. Weights are laid out feature-major
 * (`w[f * k + c]`) so that one document touches a few contiguous runs of memory.
 */
export interface SoftmaxHead {
  readonly labels: readonly string[];
  readonly dims: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  /** Labels that have been trained at least once; the others are never proposed. */
  readonly active: Uint8Array;
  /** Calibration: logits are divided by this before the softmax. */
  temperature: number;
}

export function createHead(labels: readonly string[], hashBits: number): SoftmaxHead {
  const dims = 1 << hashBits;
  return {
    labels: [...labels],
    dims,
    weights: new Float32Array(dims * labels.length),
    bias: new Float32Array(labels.length),
    active: new Uint8Array(labels.length),
    temperature: 1,
  };
}

export function logits(head: SoftmaxHead, x: SparseVector, out: Float64Array = new Float64Array(head.labels.length)): Float64Array {
  const k = head.labels.length;
  for (let c = 0; c < k; c++) out[c] = head.bias[c]!;
  const { indices, values } = x;
  const w = head.weights;
  for (let i = 0; i < indices.length; i++) {
    const base = indices[i]! * k;
    const v = values[i]!;
    for (let c = 0; c < k; c++) out[c]! += w[base + c]! * v;
  }
  return out;
}

/** Softmax over the active labels at the given temperature; inactive labels get probability 0. */
export function probabilities(
  head: SoftmaxHead,
  z: Float64Array,
  temperature = head.temperature,
  out: Float64Array = new Float64Array(z.length),
): Float64Array {
  out.fill(0);
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (head.active[c] && z[c]! > max) max = z[c]!;
  if (max === -Infinity) return out;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    if (!head.active[c]) continue;
    out[c] = Math.exp((z[c]! - max) / temperature);
    sum += out[c]!;
  }
  for (let c = 0; c < z.length; c++) out[c]! /= sum;
  return out;
}

/** Reusable buffers for training, one set per head. */
export interface Scratch {
  readonly z: Float64Array;
  readonly p: Float64Array;
  readonly classes: Int32Array;
  readonly gradient: Float64Array;
}

export const createScratch = (head: SoftmaxHead): Scratch => {
  const k = head.labels.length;
  return { z: new Float64Array(k), p: new Float64Array(k), classes: new Int32Array(k), gradient: new Float64Array(k) };
};

/**
 * One stochastic gradient step of the cross-entropy loss for label `y`. Classes whose gradient is
 * negligible are skipped: once the model fits, that is most of them, which keeps training fast.
 * `updateBias: false` confines a step to this document's features (a single filing must not shift
 * the prior of a class for every other document).
 */
export function sgdStep(
  head: SoftmaxHead,
  x: SparseVector,
  y: number,
  rate: number,
  scratch = createScratch(head),
  updateBias = true,
): void {
  const k = head.labels.length;
  const p = probabilities(head, logits(head, x, scratch.z), 1, scratch.p);
  let n = 0;
  for (let c = 0; c < k; c++) {
    if (!head.active[c]) continue;
    const g = (p[c]! - (c === y ? 1 : 0)) * rate;
    if (Math.abs(g) < 1e-4) continue;
    if (updateBias) head.bias[c]! -= g;
    scratch.classes[n] = c;
    scratch.gradient[n++] = g;
  }
  if (n === 0) return;
  const w = head.weights;
  const { indices, values } = x;
  for (let i = 0; i < indices.length; i++) {
    const base = indices[i]! * k;
    const v = values[i]!;
    for (let j = 0; j < n; j++) w[base + scratch.classes[j]!]! -= scratch.gradient[j]! * v;
  }
}
