/**
 * Bounds on the work one preflight may do, so hostile files (huge object counts, decompression bombs,
 * deep nesting, reference cycles) end in a report instead of a hang or an out-of-memory crash.
 */
export interface PreflightLimits {
  /** Largest file accepted for inspection (at most about 500 MiB: the file is scanned as one string). */
  readonly maxFileBytes: number;
  /** Indirect objects parsed, including those inside object streams. */
  readonly maxObjects: number;
  /** Output of one stream decode (object streams, XMP, ICC profiles). */
  readonly maxStreamBytes: number;
  /** Sum of all stream decodes. */
  readonly maxDecodedBytes: number;
  /** Dictionaries and arrays visited by the checks. */
  readonly maxVisits: number;
  /** Nesting of arrays and dictionaries inside one object, and of forms inside forms. */
  readonly maxDepth: number;
}

export const defaultPreflightLimits: PreflightLimits = {
  maxFileBytes: 256 * 1024 * 1024,
  maxObjects: 2_000_000,
  maxStreamBytes: 64 * 1024 * 1024,
  maxDecodedBytes: 512 * 1024 * 1024,
  maxVisits: 5_000_000,
  maxDepth: 256,
};

/** Thrown when a limit is reached; the preflight turns it into an error check, never lets it escape. */
export class WorkLimitExceeded extends Error {
  constructor(readonly limit: keyof PreflightLimits) {
    super(`preflight work limit ${limit} exceeded`);
    this.name = 'WorkLimitExceeded';
  }
}

export class WorkBudget {
  private objects = 0;
  private decoded = 0;
  private visits = 0;

  constructor(readonly limits: PreflightLimits) {}

  object(): void {
    if (++this.objects > this.limits.maxObjects) throw new WorkLimitExceeded('maxObjects');
  }

  visit(): void {
    if (++this.visits > this.limits.maxVisits) throw new WorkLimitExceeded('maxVisits');
  }

  depth(depth: number): void {
    if (depth > this.limits.maxDepth) throw new WorkLimitExceeded('maxDepth');
  }

  /** How many bytes the next decode may produce, and which limit that is. */
  decodeAllowance(): { readonly bytes: number; readonly limit: keyof PreflightLimits } {
    const total = this.limits.maxDecodedBytes - this.decoded;
    return total < this.limits.maxStreamBytes
      ? { bytes: total, limit: 'maxDecodedBytes' }
      : { bytes: this.limits.maxStreamBytes, limit: 'maxStreamBytes' };
  }

  decodedBytes(n: number): void {
    this.decoded += n;
    if (this.decoded > this.limits.maxDecodedBytes) throw new WorkLimitExceeded('maxDecodedBytes');
  }
}
