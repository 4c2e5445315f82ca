/** One proposal a clerk has confirmed or corrected, oldest first. */
export interface FilingOutcome {
  /** the proposal's calibrated confidence */
  readonly confidence: number;
  /** whether the clerk filed it where the top proposal said */
  readonly correct: boolean;
}

export interface AutoFilingPolicy {
  /** how many of the Amt's most recent outcomes count */
  readonly window: number;
  /** how many outcomes at or above a threshold are needed before it can be trusted */
  readonly minSupport: number;
  /** the lower confidence bound (one-sided 95 %) of top-1 precision that must be reached */
  readonly targetPrecision: number;
  /** candidate thresholds; the lowest one that has proven itself is used */
  readonly thresholds: readonly number[];
}

export const defaultAutoFilingPolicy: AutoFilingPolicy = {
  window: 500,
  minSupport: 200,
  targetPrecision: 0.985,
  thresholds: [0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99],
};

export interface AutoFilingDecision {
  readonly enabled: boolean;
  /** confidence at or above which documents are filed without a clerk; null while disabled */
  readonly threshold: number | null;
  readonly reason: 'not_enough_history' | 'precision_below_target' | 'proven';
  /** outcomes at the chosen (or the strictest tried) threshold, and their observed precision */
  readonly support: number;
  readonly precision: number | null;
}

/** Wilson score lower bound: what precision `ok` of `n` proves with about 95 % certainty. */
export function wilsonLowerBound(ok: number, n: number, z = 1.645): number {
  if (n === 0) return 0;
  const p = ok / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/**
 * Whether an Amt may auto-file, and from which confidence on. Pure over the Amt's own recent outcomes:
 * nothing is auto-filed until the model has proven itself on that Amt's corrections.
 */
export function evaluateAutoFiling(
  outcomes: readonly FilingOutcome[],
  policy: AutoFilingPolicy = defaultAutoFilingPolicy,
): AutoFilingDecision {
  const recent = outcomes.slice(-policy.window);
  let last: AutoFilingDecision = { enabled: false, threshold: null, reason: 'not_enough_history', support: 0, precision: null };
  for (const t of [...policy.thresholds].sort((a, b) => a - b)) {
    const selected = recent.filter((o) => o.confidence >= t);
    const ok = selected.filter((o) => o.correct).length;
    const precision = selected.length ? ok / selected.length : null;
    if (selected.length < policy.minSupport) {
      if (last.reason !== 'precision_below_target') last = { ...last, support: selected.length, precision };
      break; // stricter thresholds select even fewer outcomes
    }
    if (wilsonLowerBound(ok, selected.length) >= policy.targetPrecision) {
      return { enabled: true, threshold: t, reason: 'proven', support: selected.length, precision };
    }
    last = { enabled: false, threshold: null, reason: 'precision_below_target', support: selected.length, precision };
  }
  return last;
}

/** Files automatically only when enabled, confident enough, and never across Ämter. */
export const shouldAutoFile = (decision: AutoFilingDecision, confidence: number, crossAmt = false): boolean =>
  decision.enabled && !crossAmt && decision.threshold !== null && confidence >= decision.threshold;
