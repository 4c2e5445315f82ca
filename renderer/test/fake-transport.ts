import type { ErrorInfo, Envelope } from '../../contract/envelope';
import type { AppEvent } from '../../contract/events';
import type { ErrorCode } from '../../contract/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../contract/methods';
import type { Transport } from '../api/transport';

export type Handlers = {
  [M in MethodName]?: (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

/** Thrown by a handler: the fake transport answers with this error envelope. */
export class Refusal {
  constructor(readonly info: ErrorInfo) {}
}

export const refuse = (code: ErrorCode, message: string, retryable = false, ref = 'R-TEST1'): Refusal =>
  new Refusal({ code, params: {}, message, retryable, ref });

export interface FakeTransport extends Transport {
  calls: { method: string; input: unknown; sessionId: string | null }[];
  callsOf<M extends MethodName>(method: M): MethodInput<M>[];
  emit(event: AppEvent): void;
  files: Map<string, Blob>;
}

/** A Transport backed by handler functions, for component tests; unknown methods fail like the core would. */
export function fakeTransport(handlers: Handlers): FakeTransport {
  const listeners = new Set<(e: AppEvent) => void>();
  const calls: FakeTransport['calls'] = [];
  const files = new Map<string, Blob>();
  return {
    kind: 'http',
    calls,
    files,
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
        throw err;
      }
    },
    async readFile(versionUuid) {
      const blob = files.get(versionUuid);
      if (!blob) throw new Error(`no file ${versionUuid}`);
      return blob;
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
