import type { ErrorCode, ErrorParams } from './errors';

/** What every transport returns: the value, or an error with its German text and a reference for support. */
export interface ErrorInfo {
  code: ErrorCode;
  params: ErrorParams;
  message: string;
  retryable: boolean;
  ref: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
