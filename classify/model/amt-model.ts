import { AppError } from '../../contract/app-error';
import { fitTemperature } from './calibration';
import { featurize, featurizeWords, wordHash, wordsOf, type ExplainedVector, type SparseVector } from './features';
import { createJointTrainer, type JointTrainer } from './joint-trainer';
import { createHead, logits, probabilities, sgdStep, type SoftmaxHead } from './softmax-head';

/** What one Amt may learn: its own Aktenplan leaves and the document types it files. Nothing else. */
export interface AmtModelSpec {
  readonly amtId: string;
  readonly aktenplanNumbers: readonly string[];
  readonly documentTypes: readonly string[];
}

export interface TrainingExample {
  readonly text: string;
  readonly aktenplanNumber: string;
  readonly documentType: string;
  /** Keeps one sender's letters on the same side of the calibration hold-out. */
  readonly sender?: string;
}

export interface ModelOptions {
  readonly hashBits: number;
  readonly maxChars: number;
  /**
   * Passes over the documents: as many as give about `steps` gradient steps (one document each), within
   * [`minEpochs`, `maxEpochs`]. A large Amt needs fewer passes than a small one (on the benchmark's
   * 10k documents 3 passes give the top-1 of 5; with a few hundred, more passes overfit the hold-out).
   */
  readonly steps: number;
  readonly minEpochs: number;
  readonly maxEpochs: number;
  readonly learningRate: number;
  /** Share of senders held out to fit the temperature; the final model is then trained on everything. */
  readonly calibrationShare: number;
}

export const defaultModelOptions: ModelOptions = {
  hashBits: 18,
  maxChars: 20_000,
  steps: 8_000,
  minEpochs: 3,
  maxEpochs: 5,
  learningRate: 1,
  calibrationShare: 0.2,
};

export const modelFormatVersion = 1;
const seenBits = 20;

/** The learned state of one Amt. Serialisable with `serializeAmtModel`; never shared between Ämter. */
export interface AmtModel {
  readonly amtId: string;
  readonly options: ModelOptions;
  readonly aktenplan: SoftmaxHead;
  readonly documentType: SoftmaxHead;
  /** Bit set of word hashes seen in training: how familiar a new text looks. */
  readonly seenWords: Uint8Array;
  /** Documents learned from, by full training and by filings since. */
  examples: number;
}

export function createAmtModel(spec: AmtModelSpec, options: Partial<ModelOptions> = {}): AmtModel {
  const opts = { ...defaultModelOptions, ...options };
  return {
    amtId: spec.amtId,
    options: opts,
    aktenplan: createHead(spec.aktenplanNumbers, opts.hashBits),
    documentType: createHead(spec.documentTypes, opts.hashBits),
    seenWords: new Uint8Array((1 << seenBits) / 8),
    examples: 0,
  };
}

interface Encoded {
  readonly x: SparseVector;
  readonly aktenplan: number;
  readonly documentType: number;
}

function labelsOf(model: AmtModel, e: TrainingExample): { aktenplan: number; documentType: number } {
  const aktenplan = model.aktenplan.labels.indexOf(e.aktenplanNumber);
  if (aktenplan < 0) {
    throw new AppError('classify.unknown_class', { number: e.aktenplanNumber, amtId: model.amtId },
      `training label outside the Aktenplan of Amt ${model.amtId}`);
  }
  const documentType = model.documentType.labels.indexOf(e.documentType);
  if (documentType < 0) {
    throw new AppError('classify.unknown_document_type', { documentType: e.documentType, amtId: model.amtId },
      `document type not configured for Amt ${model.amtId}`);
  }
  return { aktenplan, documentType };
}

/** Tokenises the text once: its words mark the seen-word set and give the features. */
function encode(model: AmtModel, e: TrainingExample): Encoded {
  const labels = labelsOf(model, e);
  const words = wordsOf(e.text, model.options.maxChars);
  markSeen(model, words);
  return { x: featurizeWords(words, model.options), ...labels };
}

function markSeen(model: AmtModel, words: readonly string[]): void {
  const mask = (1 << seenBits) - 1;
  for (const w of words) {
    const h = wordHash(w) & mask;
    model.seenWords[h >>> 3]! |= 1 << (h & 7);
  }
}

/** Deterministic shuffle (xorshift) so that training gives the same model on every run. */
function shuffled(n: number, seed: number): Uint32Array {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** How many examples a training step covers before the background variant lets other work run. */
const stepSize = 200;

/** SGD epochs over the rows `subset` of the trainer; the heads learn the labels found there. */
function* fit(model: AmtModel, trainer: JointTrainer, data: readonly Encoded[], subset: readonly number[], epochs: readonly number[]): Generator<void> {
  for (const r of subset) {
    model.aktenplan.active[data[r]!.aktenplan] = 1;
    model.documentType.active[data[r]!.documentType] = 1;
  }
  for (const epoch of epochs) {
    const rate = model.options.learningRate / Math.sqrt(1 + epoch);
    let n = 0;
    for (const i of shuffled(subset.length, 0x9e3779b9 + epoch)) {
      trainer.step(subset[i]!, rate);
      if (++n % stepSize === 0) yield;
    }
  }
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

const groupHash = (s: string): number => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
};

function* trainSteps(model: AmtModel, examples: readonly TrainingExample[]): Generator<void> {
  const encoded: Encoded[] = [];
  for (const e of examples) {
    encoded.push(encode(model, e));
    if (encoded.length % stepSize === 0) yield;
  }
  const heads = [model.aktenplan, model.documentType] as const;
  const trainer = createJointTrainer(heads, encoded.map((d) => ({ x: d.x, labels: [d.aktenplan, d.documentType] })));
  const all = range(0, encoded.length);
  const calibrationSet = all.filter((i) => groupHash(examples[i]!.sender ?? `#${i}`) < model.options.calibrationShare);
  const { steps, minEpochs, maxEpochs } = model.options;
  const epochsFor = (n: number) => Math.min(maxEpochs, Math.max(minEpochs, Math.round(steps / Math.max(1, n))));
  if (calibrationSet.length >= 20 && calibrationSet.length < encoded.length) {
    const heldOut = new Set(calibrationSet);
    const epochs = epochsFor(encoded.length - calibrationSet.length);
    yield* fit(model, trainer, encoded, all.filter((i) => !heldOut.has(i)), range(0, epochs));
    heads.forEach((h, hi) => {
      const label = (d: Encoded) => (hi === 0 ? d.aktenplan : d.documentType);
      const samples = calibrationSet
        .filter((r) => h.active[label(encoded[r]!)])
        .map((r) => ({ logits: trainer.logits(r, hi).slice(), label: label(encoded[r]!), active: h.active }));
      h.temperature = fitTemperature(samples);
    });
    yield* fit(model, trainer, encoded, all, [epochs]);
  } else {
    yield* fit(model, trainer, encoded, all, range(0, epochsFor(encoded.length)));
  }
  trainer.publish();
  model.examples = examples.length;
}

/**
 * Full training from an Amt's filed documents. The model is trained on all but a sender-grouped
 * hold-out, the temperature of each head is fitted on that hold-out, and a last pass over all examples
 * (at the final, small learning rate) brings in the held-out senders too.
 */
export function trainAmtModel(spec: AmtModelSpec, examples: readonly TrainingExample[], options: Partial<ModelOptions> = {}): AmtModel {
  const model = createAmtModel(spec, options);
  const steps = trainSteps(model, examples);
  while (!steps.next().done);
  return model;
}

/**
 * The same training as an idle job: it gives the event loop back every few hundred examples, so the
 * API keeps answering while an Amt's model is rebuilt. Gives the same model as `trainAmtModel`.
 */
export async function trainAmtModelInBackground(
  spec: AmtModelSpec, examples: readonly TrainingExample[], options: Partial<ModelOptions> = {},
  pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<AmtModel> {
  const model = createAmtModel(spec, options);
  const steps = trainSteps(model, examples);
  while (!steps.next().done) await pause();
  return model;
}

/**
 * Learns one confirmed or corrected filing without a retrain: small gradient steps on this document until
 * the model files it there itself (at most a few, so that one document cannot take over the model).
 * Mutates `model`.
 */
export function learnFromFiling(model: AmtModel, example: TrainingExample): void {
  const d = encode(model, example);
  for (const head of ['aktenplan', 'documentType'] as const) {
    const h = model[head];
    h.active[d[head]] = 1;
    for (let step = 0; step < 8; step++) {
      const p = probabilities(h, logits(h, d.x), 1);
      if (p[d[head]]! >= 0.6) break;
      sgdStep(h, d.x, d[head], model.options.learningRate / 2, undefined, false);
    }
  }
  model.examples++;
}

export interface Driver {
  readonly word: string;
  readonly weight: number;
}

export interface Proposal {
  readonly label: string;
  /** calibrated probability that this label is right */
  readonly confidence: number;
  /** the words that pushed the model towards this label most */
  readonly drivers: readonly Driver[];
}

export interface Classification {
  readonly amtId: string;
  readonly aktenplan: readonly Proposal[];
  readonly documentType: readonly Proposal[];
  /** share of the text's words the model has seen in training (0 for empty or unreadable text) */
  readonly familiarity: number;
}

/**
 * How far to trust the calibrated probabilities: not at all for empty, foreign-language or garbled text
 * (few known words), fully once most words are familiar.
 */
const trust = (familiarity: number, words: number): number =>
  Math.min(1, Math.max(0, (familiarity - 0.3) / 0.35)) * Math.min(1, words / 8);

/** Per feature of `x`, the mean of its weights over the active labels: a driver sets a label apart from it. */
function meanWeights(head: SoftmaxHead, x: ExplainedVector): Float64Array {
  const k = head.labels.length;
  const active = head.active.reduce((a, b) => a + b, 0);
  const means = new Float64Array(x.indices.length);
  for (let i = 0; i < x.indices.length; i++) {
    const base = x.indices[i]! * k;
    let sum = 0;
    for (let j = 0; j < k; j++) if (head.active[j]) sum += head.weights[base + j]!;
    means[i] = sum / active;
  }
  return means;
}

function drivers(head: SoftmaxHead, x: ExplainedVector, means: Float64Array, c: number, count: number): Driver[] {
  const k = head.labels.length;
  const perWord = new Map<number, number>();
  for (let i = 0; i < x.indices.length; i++) {
    const contribution = (head.weights[x.indices[i]! * k + c]! - means[i]!) * x.values[i]!;
    const w = x.wordOf[i]!;
    perWord.set(w, (perWord.get(w) ?? 0) + contribution);
  }
  const byWord = new Map<string, number>();
  for (const [wi, v] of perWord) byWord.set(x.words[wi]!, (byWord.get(x.words[wi]!) ?? 0) + v);
  return [...byWord]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([word, weight]) => ({ word, weight: +weight.toFixed(4) }));
}

function rank(head: SoftmaxHead, x: ExplainedVector, trustFactor: number, topK: number): Proposal[] {
  const p = probabilities(head, logits(head, x));
  const active = [...head.active].reduce((a, b) => a + b, 0);
  if (active === 0) return [];
  // Labels never learned (an Aktenplan position without filed documents yet) may still be the right
  // ones: they keep their share of the probability, so a model that knows one position of ten is not
  // "100 % sure" of it. Unfamiliar text shrinks further towards "any label".
  const labels = head.labels.length;
  const weight = trustFactor * (active / labels);
  const shrunk = [...p].map((v, c) => ({ c, v: head.active[c] ? weight * v + (1 - weight) / labels : 0 }));
  const means = meanWeights(head, x);
  return shrunk
    .filter((s) => head.active[s.c])
    .sort((a, b) => b.v - a.v || a.c - b.c)
    .slice(0, topK)
    .map((s) => ({ label: head.labels[s.c]!, confidence: s.v, drivers: drivers(head, x, means, s.c, 5) }));
}

/** Top proposals for Aktenplan position and document type, only ever from this Amt's own labels. */
export function classifyDocument(model: AmtModel, text: string, topK = 3): Classification {
  const x = featurize(text, model.options, true);
  const mask = (1 << seenBits) - 1;
  const words = x.words.filter((w) => w.length >= 3);
  const known = words.filter((w) => {
    const h = wordHash(w) & mask;
    return (model.seenWords[h >>> 3]! >> (h & 7)) & 1;
  }).length;
  const familiarity = words.length ? known / words.length : 0;
  const t = trust(familiarity, words.length);
  return {
    amtId: model.amtId,
    aktenplan: rank(model.aktenplan, x, t, topK),
    documentType: rank(model.documentType, x, t, topK),
    familiarity,
  };
}
