import { AppError, isAppError } from '../../contract/app-error';

const errnoCode = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;

/** A full disk is the user's to fix; other I/O failures stay bugs and keep their stack. */
export function mapIoError(err: unknown, context: string): unknown {
  if (isAppError(err)) return err;
  if (errnoCode(err) === 'ENOSPC')
    return new AppError('store.disk_full', {}, `${context}: disk full`, { cause: err });
  return err;
}

export const isErrno = (err: unknown, code: string): boolean => errnoCode(err) === code;
