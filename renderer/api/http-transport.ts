import type { Envelope } from '../../contract/envelope';
import type { AppEvent } from '../../contract/events';
import { ApiError, clientError } from './api-error';
import { parseEvent } from './parse-event';
import type { Transport } from './transport';

/** An open event stream; `openEvents` calls onData with each message's data. */
export interface EventStream {
  close(): void;
}

export interface HttpTransportOptions {
  /** Per-start token of `eakte serve`, from the address fragment. */
  token: string;
  /** Origin of the server; empty for the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  openEvents?: (url: string, onData: (data: string) => void) => EventStream;
}

const isEnvelope = (v: unknown): v is Envelope<unknown> =>
  typeof v === 'object' && v !== null && 'ok' in v && (v.ok === true ? 'value' in v : 'error' in v);

/** Browser mode: POST /api/<method>, GET /files/version/<uuid>, Server-Sent Events on /api/events. */
export function createHttpTransport(opts: HttpTransportOptions): Transport {
  const base = opts.baseUrl ?? '';
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const openEvents =
    opts.openEvents ??
    ((url, onData) => {
      const source = new EventSource(url);
      source.onmessage = (e: MessageEvent<string>) => onData(e.data);
      return source;
    });
  const headers = (sessionId: string | null): Record<string, string> => ({
    Authorization: `Bearer ${opts.token}`,
    ...(sessionId ? { 'X-Eakte-Session': sessionId } : {}),
  });

  const send = async (url: string, init: RequestInit): Promise<Response> => {
    try {
      return await doFetch(url, init);
    } catch (err) {
      throw clientError('client.unreachable', err);
    }
  };
  const readEnvelope = async (res: Response): Promise<Envelope<unknown>> => {
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      throw clientError('client.bad_response', err);
    }
    if (!isEnvelope(body)) throw clientError('client.bad_response', `HTTP ${res.status} without envelope`);
    return body;
  };

  let stream: EventStream | null = null;
  const listeners = new Set<(e: AppEvent) => void>();

  return {
    kind: 'http',
    async invoke(method, input, sessionId) {
      const res = await send(`${base}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { ...headers(sessionId), 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return readEnvelope(res);
    },
    async readFile(versionUuid, sessionId) {
      const res = await send(`${base}/files/version/${encodeURIComponent(versionUuid)}`, { headers: headers(sessionId) });
      if (res.ok) return res.blob();
      const envelope = await readEnvelope(res);
      if (envelope.ok) throw clientError('client.bad_response', `HTTP ${res.status} with ok envelope`);
      throw new ApiError(envelope.error);
    },
    async stageFile(file, sessionId) {
      const res = await send(`${base}/files/upload?name=${encodeURIComponent(file.name)}`, {
        method: 'PUT',
        headers: { ...headers(sessionId), 'Content-Type': 'application/octet-stream' },
        body: file,
      });
      const envelope = await readEnvelope(res);
      if (!envelope.ok) throw new ApiError(envelope.error);
      return { uploadId: (envelope.value as { uploadId: string }).uploadId };
    },
    subscribe(listener) {
      listeners.add(listener);
      // One stream for all listeners; EventSource reconnects by itself after a drop.
      stream ??= openEvents(`${base}/api/events?token=${encodeURIComponent(opts.token)}`, (data) => {
        let event: AppEvent | null;
        try {
          event = parseEvent(JSON.parse(data));
        } catch {
          return;
        }
        if (event) for (const l of listeners) l(event);
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stream?.close();
          stream = null;
        }
      };
    },
  };
}
