import { describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../contract/envelope';
import type { AppEvent } from '../../contract/events';
import type { EakteBridge } from './bridge';
import { ApiError } from './api-error';
import { ApiClient } from './client';
import { createClientForWindow } from './create-client';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';

const AKTE_UUID = '6f1c0a52-7f1e-4b6c-9a51-1c2b3d4e5f60';
const refused: Envelope<never> = {
  ok: false,
  error: { code: 'access.denied', params: {}, message: 'Dafür fehlt Ihnen die Berechtigung.', retryable: false, ref: 'R-7Q2X' },
};

/** jsdom's Blob has no text(); FileReader works for both jsdom and Node blobs. */
const readBlob = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });

function jsonResponse(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('http transport', () => {
  const setup = (respond: (url: string, init: RequestInit) => Response | Promise<Response>) => {
    const requests: { url: string; init: RequestInit }[] = [];
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push({ url: String(input), init: init ?? {} });
      return respond(String(input), init ?? {});
    });
    const client = new ApiClient(createHttpTransport({ token: 'tok-123', baseUrl: 'http://127.0.0.1:4000', fetch }));
    return { client, requests };
  };

  it('posts the input to /api/<method> with the token and the session, and returns the value', async () => {
    const { client, requests } = setup(() => jsonResponse({ ok: true, value: { ok: true } }));
    client.setSession('sess-9');
    await expect(client.call('session.logout', {})).resolves.toEqual({ ok: true });
    const [req] = requests;
    expect(req?.url).toBe('http://127.0.0.1:4000/api/session.logout');
    expect(req?.init.method).toBe('POST');
    expect(req?.init.headers).toMatchObject({ Authorization: 'Bearer tok-123', 'X-Eakte-Session': 'sess-9' });
    expect(JSON.parse(String(req?.init.body))).toEqual({});
  });

  it('sends no session header before login', async () => {
    const { client, requests } = setup(() => jsonResponse({ ok: true, value: { demo: true, users: [] } }));
    await client.call('session.loginOptions', {});
    expect(requests[0]?.init.headers).not.toHaveProperty('X-Eakte-Session');
  });

  it('throws an ApiError carrying the envelope error (German message, ref, retryable)', async () => {
    const { client } = setup(() => jsonResponse(refused, 200));
    const err = await client.call('akten.get', { uuid: AKTE_UUID }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'access.denied', message: 'Dafür fehlt Ihnen die Berechtigung.', ref: 'R-7Q2X', retryable: false });
  });

  it('reads the envelope of refused requests (401 with a bad token)', async () => {
    const { client } = setup(() =>
      jsonResponse({ ok: false, error: { code: 'auth.bad_token', params: {}, message: 'Die Sitzung ist ungültig.', retryable: false, ref: 'R-1' } }, 401),
    );
    await expect(client.call('system.status', {})).rejects.toMatchObject({ code: 'auth.bad_token' });
  });

  it('turns a network failure into a retryable client.unreachable and reports reachability both ways', async () => {
    let up = false;
    const { client } = setup(() => {
      if (!up) throw new TypeError('Failed to fetch');
      return jsonResponse({ ok: true, value: { ok: true } });
    });
    const seen: boolean[] = [];
    client.onReachability((r) => seen.push(r));
    const err = await client.call('session.logout', {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'client.unreachable', retryable: true });
    expect((err as ApiError).message).toMatch(/nicht erreichbar/);
    expect(client.isReachable()).toBe(false);
    up = true;
    await client.call('session.logout', {});
    expect(seen).toEqual([false, true]);
  });

  it('rejects an answer that is not an envelope', async () => {
    const { client } = setup(() => new Response('<html>proxy error</html>', { status: 502 }));
    await expect(client.call('system.status', {})).rejects.toMatchObject({ code: 'client.bad_response' });
  });

  it('tells the app when the session is gone', async () => {
    const { client } = setup(() =>
      jsonResponse({ ok: false, error: { code: 'auth.not_logged_in', params: {}, message: 'Bitte melden Sie sich an.', retryable: false, ref: 'R-2' } }),
    );
    const lost = vi.fn();
    client.onSessionLost(lost);
    await expect(client.call('akten.get', { uuid: AKTE_UUID })).rejects.toBeInstanceOf(ApiError);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('fetches file content with both headers, and maps a refused file to an ApiError', async () => {
    const { client, requests } = setup((url) =>
      url.endsWith('/ok') ? new Response('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } }) : jsonResponse(refused, 404),
    );
    client.setSession('sess-1');
    const blob = await client.readFile('ok');
    expect(blob.type).toBe('application/pdf');
    expect(await blob.text()).toBe('%PDF-1.7');
    expect(requests[0]?.url).toBe('http://127.0.0.1:4000/files/version/ok');
    expect(requests[0]?.init.headers).toMatchObject({ Authorization: 'Bearer tok-123', 'X-Eakte-Session': 'sess-1' });
    await expect(client.readFile('other')).rejects.toMatchObject({ code: 'access.denied', ref: 'R-7Q2X' });
  });

  it('opens one event stream with the token, passes valid events on and drops malformed ones', () => {
    let onData: (data: string) => void = () => undefined;
    const opened: string[] = [];
    const close = vi.fn();
    const transport = createHttpTransport({
      token: 'tok 1',
      baseUrl: '',
      fetch: vi.fn(),
      openEvents: (url, cb) => {
        opened.push(url);
        onData = cb;
        return { close };
      },
    });
    const a: AppEvent[] = [];
    const b: AppEvent[] = [];
    const offA = transport.subscribe((e) => a.push(e));
    const offB = transport.subscribe((e) => b.push(e));
    expect(opened).toEqual(['/api/events?token=tok%201']);
    onData(JSON.stringify({ type: 'records.changed', objectType: 'akte', uuid: 'x' }));
    onData('not json');
    onData(JSON.stringify({ type: 'sync.status', status: { state: 'bogus' } }));
    expect(a).toEqual([{ type: 'records.changed', objectType: 'akte', uuid: 'x' }]);
    expect(b).toHaveLength(1);
    offA();
    expect(close).not.toHaveBeenCalled();
    offB();
    expect(close).toHaveBeenCalledTimes(1);
  });
});

describe('ipc transport', () => {
  const bridge = (over: Partial<EakteBridge> = {}) => {
    let listener: ((e: AppEvent) => void) | null = null;
    const b: EakteBridge & { fire(e: unknown): void } = {
      invoke: vi.fn(async () => ({ ok: true, value: { ok: true } }) as Envelope<unknown>),
      onEvent: vi.fn((l: (e: AppEvent) => void) => {
        listener = l;
        return () => {
          listener = null;
        };
      }),
      fire: (e) => listener?.(e as AppEvent),
      ...over,
    };
    return b;
  };

  it('forwards method and input to window.eakte.invoke; the session stays in the main process', async () => {
    const b = bridge();
    const client = new ApiClient(createIpcTransport(b));
    client.setSession('ignored');
    await client.call('session.logout', {});
    expect(b.invoke).toHaveBeenCalledWith('session.logout', {});
  });

  it('throws the envelope error as ApiError', async () => {
    const client = new ApiClient(createIpcTransport(bridge({ invoke: async () => refused })));
    await expect(client.call('akten.get', { uuid: AKTE_UUID })).rejects.toMatchObject({ code: 'access.denied', ref: 'R-7Q2X' });
  });

  it('maps a failing bridge to client.unreachable', async () => {
    const client = new ApiClient(
      createIpcTransport(
        bridge({
          invoke: async () => {
            throw new Error('An object could not be cloned');
          },
        }),
      ),
    );
    await expect(client.call('system.status', {})).rejects.toMatchObject({ code: 'client.unreachable' });
    expect(client.isReachable()).toBe(false);
  });

  it('offers the folder dialog only where the preload has one, and says what the folder is for', async () => {
    expect(new ApiClient(createIpcTransport(bridge())).choosesFolders).toBe(false);
    const chooseFolder = vi.fn(async () => '/home/archiv/Ausgang');
    const client = new ApiClient(createIpcTransport(bridge({ chooseFolder })));
    expect(client.choosesFolders).toBe(true);
    expect(await client.chooseOutFolder()).toBe('/home/archiv/Ausgang');
    expect(chooseFolder).toHaveBeenCalledWith('write');
    chooseFolder.mockResolvedValueOnce('');
    expect(await client.chooseFolder('read')).toBeNull();
    expect(chooseFolder).toHaveBeenLastCalledWith('read');
  });

  it('reads file bytes through readFile into a typed Blob', async () => {
    const readFile = vi.fn(async () => ({
      ok: true as const,
      value: { bytes: new TextEncoder().encode('%PDF-1.7'), fileName: 'a.pdf', mimeType: 'application/pdf' },
    }));
    const client = new ApiClient(createIpcTransport(bridge({ readFile })));
    const blob = await client.readFile('v1');
    expect(readFile).toHaveBeenCalledWith('v1');
    expect(blob.type).toBe('application/pdf');
    expect(await readBlob(blob)).toBe('%PDF-1.7');
  });

  it('passes valid events on and stops on unsubscribe', () => {
    const b = bridge();
    const client = new ApiClient(createIpcTransport(b));
    const seen: AppEvent[] = [];
    const off = client.onEvent((e) => seen.push(e));
    b.fire({ type: 'sync.status', status: { state: 'online', lastSuccessAt: null } });
    b.fire({ type: 'unknown' });
    off();
    b.fire({ type: 'records.changed', objectType: 'akte', uuid: 'y' });
    expect(seen).toEqual([{ type: 'sync.status', status: { state: 'online', lastSuccessAt: null } }]);
  });
});

describe('choosing the transport at start', () => {
  it('uses IPC when the preload exposed window.eakte', () => {
    window.eakte = { invoke: vi.fn(), onEvent: vi.fn() };
    try {
      const started = createClientForWindow(window);
      expect('client' in started && started.client.transport.kind).toBe('ipc');
    } finally {
      delete window.eakte;
    }
  });

  it('uses HTTP with the token from the address, keeps it for the tab and removes it from the address', () => {
    window.history.replaceState(null, '', '/#token=abc-DEF_1');
    const started = createClientForWindow(window);
    expect('client' in started && started.client.transport.kind).toBe('http');
    expect(window.location.hash).toBe('');
    expect(window.sessionStorage.getItem('eakte.token')).toBe('abc-DEF_1');
    // A reload (no fragment any more) finds the token again.
    expect('client' in createClientForWindow(window)).toBe(true);
  });

  it('reports a missing token instead of calling the API without one', () => {
    expect(createClientForWindow(window)).toEqual({ missingToken: true });
  });
});
