import { errorTable, germanMessage, type ErrorCode, type ErrorParams } from './errors';

/**
 * An error the user can cause or fix. Anything else that is thrown is a bug.
 * `params` may end up in the German text; `logMessage` is English and must not carry personal data.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    readonly logMessage: string = code,
    options?: { cause?: unknown },
  ) {
    super(logMessage, options);
    this.name = 'AppError';
  }

  get retryable(): boolean {
    return errorTable[this.code].retryable;
  }

  get germanText(): string {
    return germanMessage(this.code, this.params);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
