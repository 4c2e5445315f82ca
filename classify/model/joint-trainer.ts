import type { SparseVector } from './features';
import type { SoftmaxHead } from './softmax-head';

/** A training document: its features and, per head, the index of its label. */
export interface TrainingRow {
  readonly x: SparseVector;
  readonly labels: readonly number[];
}

/**
 * Stochastic gradient descent for several softmax heads over the same documents at once. Training is
 * bound by memory access, so the weights live in a compact copy while it runs: only the features the
 * training documents use, numbered by how many documents use them (the rows nearly every document
 * touches lie together in cache), with the weights of all heads for one feature in one row (one document
 * reads each row once for all heads). The steps are those of `sgdStep` on each head (with a coarser
 * cut for negligible gradients); `publish` writes the result back into the heads.
 */
export interface JointTrainer {
  /** One gradient step on row `r` for every head. */
  step(r: number, rate: number): void;
  /** Logits of row `r` for head `h` under the current weights (a view, valid until the next call). */
  logits(r: number, h: number): Float64Array;
  publish(): void;
}

interface CompactRow {
  readonly idx: Uint32Array;
  readonly values: Float32Array;
  readonly labels: readonly number[];
}

/** Features in use, most used first, and each feature's row in the compact weights. */
function numberByUse(rows: readonly TrainingRow[], dims: number): { features: Uint32Array; rowOf: Int32Array } {
  const uses = new Uint32Array(dims);
  for (const { x } of rows) for (let i = 0; i < x.indices.length; i++) uses[x.indices[i]!]!++;
  const used: number[] = [];
  for (let f = 0; f < dims; f++) if (uses[f]) used.push(f);
  used.sort((a, b) => uses[b]! - uses[a]! || a - b);
  const features = Uint32Array.from(used);
  const rowOf = new Int32Array(dims);
  for (let i = 0; i < features.length; i++) rowOf[features[i]!] = i;
  return { features, rowOf };
}

/** The row's features renumbered. */
function compactRow({ x, labels }: TrainingRow, rowOf: Int32Array): CompactRow {
  const idx = new Uint32Array(x.indices.length);
  for (let i = 0; i < idx.length; i++) idx[i] = rowOf[x.indices[i]!]!;
  return { idx, values: x.values, labels };
}

/**
 * Classes whose gradient step is smaller than this are skipped. Ten times coarser than `sgdStep`'s: a
 * full training makes many passes, and skipping these steps left top-1 and top-3 of the benchmark as
 * they were while it saves a quarter of the training time.
 */
const negligible = 1e-3;

// The two hot loops take everything as arguments: as locals, V8 keeps the arrays in registers (about a
// third faster than reading them from the enclosing closure).
function scoreInto(z: Float64Array, w: Float32Array, width: number, idx: Uint32Array, values: Float32Array): void {
  for (let i = 0; i < idx.length; i++) {
    const base = idx[i]! * width;
    const v = values[i]!;
    for (let c = 0; c < width; c++) z[c]! += w[base + c]! * v;
  }
}

function descend(
  w: Float32Array, width: number, idx: Uint32Array, values: Float32Array, classes: Int32Array, gradient: Float64Array, n: number,
): void {
  for (let i = 0; i < idx.length; i++) {
    const base = idx[i]! * width;
    const v = values[i]!;
    for (let j = 0; j < n; j++) w[base + classes[j]!]! -= gradient[j]! * v;
  }
}

export function createJointTrainer(heads: readonly SoftmaxHead[], rows: readonly TrainingRow[]): JointTrainer {
  const offsets = heads.map((_, h) => heads.slice(0, h).reduce((sum, head) => sum + head.labels.length, 0));
  const width = offsets[heads.length - 1]! + heads[heads.length - 1]!.labels.length;
  const { features, rowOf } = numberByUse(rows, heads[0]!.dims);
  const compact = rows.map((r) => compactRow(r, rowOf));
  const w = new Float32Array(features.length * width);
  heads.forEach((head, h) => {
    const k = head.labels.length;
    for (let i = 0; i < features.length; i++) {
      w.set(head.weights.subarray(features[i]! * k, (features[i]! + 1) * k), i * width + offsets[h]!);
    }
  });
  const z = new Float64Array(width);
  const p = new Float64Array(width);
  const classes = new Int32Array(width);
  const gradient = new Float64Array(width);

  const score = (row: CompactRow): void => {
    heads.forEach((head, h) => z.set(head.bias, offsets[h]!));
    scoreInto(z, w, width, row.idx, row.values);
  };

  return {
    step(r, rate) {
      const row = compact[r]!;
      score(row);
      let n = 0;
      for (let h = 0; h < heads.length; h++) {
        const { active, bias, labels } = heads[h]!;
        const o = offsets[h]!;
        const y = row.labels[h]!;
        let max = -Infinity;
        for (let c = 0; c < labels.length; c++) if (active[c] && z[o + c]! > max) max = z[o + c]!;
        if (max === -Infinity) continue;
        let sum = 0;
        for (let c = 0; c < labels.length; c++) {
          if (!active[c]) continue;
          p[c] = Math.exp(z[o + c]! - max);
          sum += p[c]!;
        }
        for (let c = 0; c < labels.length; c++) {
          if (!active[c]) continue;
          const g = (p[c]! / sum - (c === y ? 1 : 0)) * rate;
          if (Math.abs(g) < negligible) continue;
          bias[c]! -= g;
          classes[n] = o + c;
          gradient[n++] = g;
        }
      }
      if (n > 0) descend(w, width, row.idx, row.values, classes, gradient, n);
    },
    logits(r, h) {
      score(compact[r]!);
      return z.subarray(offsets[h]!, offsets[h]! + heads[h]!.labels.length);
    },
    publish() {
      heads.forEach((head, h) => {
        const k = head.labels.length;
        for (let i = 0; i < features.length; i++) {
          head.weights.set(w.subarray(i * width + offsets[h]!, i * width + offsets[h]! + k), features[i]! * k);
        }
      });
    },
  };
}
