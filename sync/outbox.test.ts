import { describe, expect, it } from 'vitest';
import { backoffMs } from './outbox';

describe('retry backoff', () => {
  it('doubles per attempt within the upper half of its interval and stops growing at the cap', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([1, 2, 3, 4].map((a) => backoffMs(a, low))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((a) => backoffMs(a, high))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30, high)).toBe(300_000);
    expect(backoffMs(30, low)).toBe(150_000);
  });
});
