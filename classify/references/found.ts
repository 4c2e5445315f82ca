import type { ReferenceType } from './types';

/** A finding in view coordinates, before offsets are mapped back to the original text. */
export interface Found {
  readonly type: ReferenceType;
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
}

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/** Confidence lowered by each character that had to be reinterpreted. */
export const damped = (base: number, repairs: number): number => Math.max(0.3, base - 0.04 * repairs);
