import type { z } from 'zod';
import { AppError, isAppError } from '../../contract/app-error';
import type { Envelope, ErrorInfo } from '../../contract/envelope';
import { isMethodName, methods, type MethodName, type MethodOutput } from '../../contract/methods';
import type { ErrorCode, ErrorParams } from '../../contract/errors';
import { germanMessage, errorTable } from '../../contract/errors';
import { hasPermission } from '../access/policy';
import { resolveCaller } from '../records/users';
import { newRef } from '../platform/ids';
import type { HandlerCtx, Handlers } from './handler-types';

export interface CallMeta {
  sessionId: string | null;
  transport: 'ipc' | 'http' | 'cli' | 'test';
}

export type DispatchDeps = Omit<HandlerCtx, 'caller' | 'sessionId'> & {
  readonly handlers: Handlers;
  /** Parse every output against its schema too (tests and development): catches drift early. */
  readonly validateOutput: boolean;
};

export type Dispatch = <M extends MethodName>(meta: CallMeta, method: M | string, input: unknown) => Promise<Envelope<MethodOutput<M>>>;

export const toErrorInfo = (code: ErrorCode, params: ErrorParams, ref: string): ErrorInfo => ({
  code,
  params,
  message: germanMessage(code, params),
  retryable: errorTable[code].retryable,
  ref,
});

/** The one entry point of every transport: look up → validate → authenticate → authorise → run → map errors. */
export function createDispatch(deps: DispatchDeps): Dispatch {
  const dispatch = async (meta: CallMeta, method: string, rawInput: unknown): Promise<Envelope<unknown>> => {
    const ref = newRef();
    const log = deps.logger.child({ ref, method: String(method).slice(0, 64), transport: meta.transport });
    try {
      if (!isMethodName(method)) throw new AppError('api.unknown_method', { method: String(method).slice(0, 64) }, 'unknown method');
      const spec = methods[method];
      const parsed = spec.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const detail = issue ? `${issue.path.join('.') || 'Eingabe'}: ${issue.message}` : 'Eingabe ungültig';
        throw new AppError('api.invalid_input', { detail }, `invalid input: ${detail}`);
      }
      const username = deps.sessions.usernameOf(meta.sessionId);
      const caller = username ? await resolveCaller(deps.store.reader, username) : null;
      if (spec.permission !== 'public') {
        if (!caller) throw new AppError('auth.not_logged_in', {}, 'no session');
        if (!hasPermission(caller, spec.permission)) {
          throw new AppError('access.denied', {}, `permission ${spec.permission} missing`);
        }
      }
      const handler = deps.handlers[method] as (ctx: HandlerCtx, input: unknown) => Promise<unknown>;
      const value = await handler({ ...deps, caller, sessionId: meta.sessionId }, parsed.data);
      if (deps.validateOutput) (spec.output as z.ZodType).parse(value);
      return { ok: true, value };
    } catch (err) {
      if (isAppError(err)) {
        log.warn(err.logMessage, { code: err.code });
        return { ok: false, error: toErrorInfo(err.code, err.params, ref) };
      }
      log.error('unexpected error', { stack: err instanceof Error ? err.stack : String(err) });
      return { ok: false, error: toErrorInfo('api.internal', { ref }, ref) };
    }
  };
  return dispatch as Dispatch;
}
