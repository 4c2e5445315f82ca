import type { ErrorInfo } from '../../contract/envelope';
import type { ErrorCode, ErrorParams } from '../../contract/errors';
import { clientErrorText } from '../i18n/de';

/** Failures that happen before the core answers; the core's own codes come from contract/. */
export type ClientErrorCode = 'client.unreachable' | 'client.bad_response';

export interface ApiErrorInfo {
  code: ErrorCode | ClientErrorCode;
  params: ErrorParams;
  /** German text for people. */
  message: string;
  retryable: boolean;
  /** Reference that support finds in the log. */
  ref: string;
}

/** An error envelope from the core, or a transport failure shaped like one. */
export class ApiError extends Error {
  readonly code: ApiErrorInfo['code'];
  readonly params: ErrorParams;
  readonly retryable: boolean;
  readonly ref: string;

  constructor(info: ErrorInfo | ApiErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.code = info.code;
    this.params = info.params;
    this.retryable = info.retryable;
    this.ref = info.ref;
  }
}

/** A short local reference, so a transport failure can be matched with a note in the browser console. */
const localRef = () => `C-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

export function clientError(code: ClientErrorCode, cause?: unknown): ApiError {
  const error = new ApiError({ code, params: {}, message: clientErrorText[code], retryable: true, ref: localRef() });
  if (cause !== undefined) console.warn(`api ${code} (${error.ref})`, cause);
  return error;
}

/** Anything thrown that is not an ApiError is a bug in the renderer; it is shown with a reference too. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const error = new ApiError({ code: 'client.bad_response', params: {}, message: clientErrorText.bug, retryable: false, ref: localRef() });
  console.error(`renderer error (${error.ref})`, err);
  return error;
}
