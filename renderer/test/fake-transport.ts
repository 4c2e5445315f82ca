import type { ErrorInfo, Envelope } from '../../contract/envelope';
import type { AppEvent } from '../../contract/events';
import type { ErrorCode } from '../../contract/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../contract/methods';
import { ApiError, clientError } from '../api/api-error';
import type { Transport } from '../api/transport';

export type Handlers = {
  [M in MethodName]?: (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

/** Thrown by a handler: the fake transport answers with this error envelope. */
export class Refusal {
  constructor(readonly info: ErrorInfo) {}
}

/** Thrown by a handler: the transport fails as if the core could not be reached. */
export class Unreachable {}

export const refuse = (code: ErrorCode, message: string, retryable = false, ref = 'R-TEST1'): Refusal =>
  new Refusal({ code, params: {}, message, retryable, ref });

export interface FakeTransport extends Transport {
  calls: { method: string; input: unknown; sessionId: string | null }[];
  callsOf<M extends MethodName>(method: M): MethodInput<M>[];
  emit(event: AppEvent): void;
}

/** A Transport backed by handler functions, for component tests; unknown methods fail like the core would. */
export function fakeTransport(handlers: Handlers): FakeTransport {
  const listeners = new Set<(e: AppEvent) => void>();
  const calls: FakeTransport['calls'] = [];
  return {
    kind: 'http',
    calls,
    callsOf: <M extends MethodName>(method: M) => calls.filter((c) => c.method === method).map((c) => c.input as MethodInput<M>),
    async invoke(method, input, sessionId): Promise<Envelope<unknown>> {
      calls.push({ method, input, sessionId });
      const handler = handlers[method as MethodName] as ((i: unknown) => unknown) | undefined;
      if (!handler) {
        return { ok: false, error: { code: 'api.unknown_method', params: { method }, message: `Unbekannt: ${method}`, retryable: false, ref: 'R-NONE' } };
      }
      try {
        return { ok: true, value: await handler(input) };
      } catch (err) {
        if (err instanceof Refusal) return { ok: false, error: err.info };
        if (err instanceof Unreachable) throw clientError('client.unreachable');
        throw err;
      }
    },
    async readFile(versionUuid) {
      // Component tests do not show file content (jsdom has no object URLs).
      throw new ApiError({ code: 'records.not_found', params: {}, message: `Keine Datei ${versionUuid}`, retryable: false, ref: 'R-FILE' });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const l of listeners) l(event);
    },
  };
}
