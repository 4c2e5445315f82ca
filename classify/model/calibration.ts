/** Temperature scaling (Guo et al. 2017): one scalar fitted on held-out logits by minimising log loss. */
export function fitTemperature(samples: readonly { logits: Float64Array; label: number; active: Uint8Array }[]): number {
  if (samples.length === 0) return 1;
  const nll = (t: number): number => {
    let loss = 0;
    for (const { logits, label, active } of samples) {
      let max = -Infinity;
      for (let c = 0; c < logits.length; c++) if (active[c] && logits[c]! > max) max = logits[c]!;
      let sum = 0;
      for (let c = 0; c < logits.length; c++) if (active[c]) sum += Math.exp((logits[c]! - max) / t);
      loss -= (logits[label]! - max) / t - Math.log(sum);
    }
    return loss;
  };
  // Golden-section search on log t in [ln 0.05, ln 20]; the loss is unimodal in t.
  let a = Math.log(0.05);
  let b = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = nll(Math.exp(c));
  let fd = nll(Math.exp(d));
  for (let i = 0; i < 40; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = nll(Math.exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = nll(Math.exp(d));
    }
  }
  return Math.exp((a + b) / 2);
}

export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly meanConfidence: number;
  readonly accuracy: number;
}

/** Reliability diagram data and expected calibration error over equal-width confidence bins. */
export function reliability(
  predictions: readonly { confidence: number; correct: boolean }[],
  bins = 10,
): { bins: ReliabilityBin[]; expectedCalibrationError: number } {
  const acc = Array.from({ length: bins }, () => ({ n: 0, conf: 0, ok: 0 }));
  for (const p of predictions) {
    const b = acc[Math.min(bins - 1, Math.floor(p.confidence * bins))]!;
    b.n++;
    b.conf += p.confidence;
    if (p.correct) b.ok++;
  }
  let ece = 0;
  const out = acc.map((b, i) => {
    if (b.n > 0) ece += (b.n / predictions.length) * Math.abs(b.ok / b.n - b.conf / b.n);
    return { from: i / bins, to: (i + 1) / bins, count: b.n, meanConfidence: b.n ? b.conf / b.n : 0, accuracy: b.n ? b.ok / b.n : 0 };
  });
  return { bins: out, expectedCalibrationError: ece };
}
