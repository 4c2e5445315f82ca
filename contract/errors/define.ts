/** One entry per stable error code: whether retrying can help, and the German sentence for users. */
export type ErrorParams = Readonly<Record<string, string | number>>;

export interface ErrorSpec {
  readonly retryable: boolean;
  /** German text for people; English details belong in the log message, not here. */
  readonly de: (p: ErrorParams) => string;
}

/** Keeps the literal keys of an area's table while checking every entry's shape. */
export const defineErrors = <T extends Record<string, ErrorSpec>>(table: T): T => table;
