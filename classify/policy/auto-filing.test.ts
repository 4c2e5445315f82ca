import { describe, expect, it } from 'vitest';
import { evaluateAutoFiling, shouldAutoFile, wilsonLowerBound, type FilingOutcome } from './auto-filing';

const outcomes = (n: number, confidence: number, correct: (i: number) => boolean): FilingOutcome[] =>
  Array.from({ length: n }, (_, i) => ({ confidence, correct: correct(i) }));

describe('evaluateAutoFiling', () => {
  it('files nothing automatically without a record', () => {
    const d = evaluateAutoFiling([]);
    expect(d).toMatchObject({ enabled: false, reason: 'not_enough_history' });
    expect(shouldAutoFile(d, 0.999)).toBe(false);
  });

  it('needs enough confirmed proposals before trusting a threshold', () => {
    expect(evaluateAutoFiling(outcomes(150, 0.99, () => true)).enabled).toBe(false);
    const d = evaluateAutoFiling(outcomes(400, 0.99, () => true));
    expect(d).toMatchObject({ enabled: true, reason: 'proven', support: 400, precision: 1 });
  });

  it('chooses the lowest threshold whose precision is proven', () => {
    const history = [
      ...outcomes(300, 0.96, () => true),
      ...outcomes(200, 0.82, (i) => i % 4 !== 0), // 75 % right at low confidence
    ];
    const d = evaluateAutoFiling(history);
    expect(d.enabled).toBe(true);
    expect(d.threshold).toBeGreaterThan(0.82);
    expect(d.threshold).toBeLessThanOrEqual(0.96);
    expect(shouldAutoFile(d, 0.97)).toBe(true);
    expect(shouldAutoFile(d, 0.82)).toBe(false);
    expect(shouldAutoFile(d, 0.97, true)).toBe(false);
  });

  it('stops auto-filing when recent corrections show errors, and forgets errors outside the window', () => {
    const bad = outcomes(400, 0.99, (i) => i % 25 !== 0); // 96 %
    expect(evaluateAutoFiling(bad)).toMatchObject({ enabled: false, reason: 'precision_below_target' });
    const recovered = [...bad, ...outcomes(500, 0.99, () => true)];
    expect(evaluateAutoFiling(recovered).enabled).toBe(true);
  });

  it('computes the Wilson lower bound', () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonLowerBound(100, 100)).toBeCloseTo(0.9736, 3);
    expect(wilsonLowerBound(50, 100)).toBeCloseTo(0.4193, 3);
  });
});
