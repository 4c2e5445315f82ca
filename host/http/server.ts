import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAppError } from '../../contract/app-error';
import type { Envelope } from '../../contract/envelope';
import { toErrorInfo } from '../../core/api/dispatch';
import { readVersionContent } from '../../core/records/documents';
import { resolveCaller } from '../../core/records/users';
import { newRef } from '../../core/platform/ids';
import type { App } from '../create-app';
import { SECURITY_HEADERS } from '../security/csp';
import { readStatic } from './static-files';
import { DEFAULT_MAX_UPLOAD_BYTES, receiveUpload } from './upload-route';

export interface HttpServerOptions {
  app: App;
  rendererDir: string;
  port?: number;
  /** Fixed only in tests; normally a fresh random token per start. */
  token?: string;
  maxUploadBytes?: number;
}

export interface RunningServer {
  readonly url: string;
  /** The address to open: carries the token in the fragment, which browsers never send to the server. */
  readonly openUrl: string;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

/**
 * Browser mode: the renderer and the same API as over Electron IPC, on 127.0.0.1 only. Every API call
 * must carry the per-start token; Host and Origin are checked so other web pages and DNS rebinding
 * cannot reach the API.
 */
export async function startHttpServer(opts: HttpServerOptions): Promise<RunningServer> {
  const { app } = opts;
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let origin = '';
  let allowedHosts: string[] = [];
  let allowedOrigins: string[] = [];

  const tokenOk = (presented: string | null) => {
    if (!presented) return false;
    const b = Buffer.from(presented);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };
  const bearer = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
  const sessionOf = (req: IncomingMessage) => {
    const v = req.headers['x-eakte-session'];
    return typeof v === 'string' ? v : null;
  };

  const send = (res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
    res.end(body);
  };
  const sendJson = (res: ServerResponse, status: number, value: unknown) =>
    send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
  const refuse = (res: ServerResponse, status: number, code: 'auth.bad_token' | 'api.invalid_input', detail = '') => {
    const ref = newRef();
    app.logger.warn('http request refused', { status, code, ref });
    sendJson(res, status, { ok: false, error: toErrorInfo(code, { detail }, ref) } satisfies Envelope<never>);
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          reject(new Error('body too large'));
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', origin);
    if (!allowedHosts.includes(req.headers.host ?? '')) return refuse(res, 421, 'auth.bad_token');
    if (req.headers.origin && !allowedOrigins.includes(req.headers.origin)) return refuse(res, 403, 'auth.bad_token');

    if (url.pathname.startsWith('/api/events')) {
      if (!tokenOk(url.searchParams.get('token'))) return refuse(res, 401, 'auth.bad_token');
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      res.write(': connected\n\n');
      const unsubscribe = app.events.subscribe((e) => res.write(`data: ${JSON.stringify(e)}\n\n`));
      req.on('close', unsubscribe);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'api.invalid_input', 'POST erwartet');
      if (!tokenOk(bearer(req))) return refuse(res, 401, 'auth.bad_token');
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? JSON.parse(body) : {};
      } catch {
        return refuse(res, 400, 'api.invalid_input', 'kein gültiges JSON');
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const envelope = await app.dispatch({ sessionId: sessionOf(req), transport: 'http' }, method, input);
      return sendJson(res, 200, envelope);
    }
    if (url.pathname === '/files/upload') {
      if (req.method !== 'PUT') return refuse(res, 405, 'api.invalid_input', 'PUT erwartet');
      if (!tokenOk(bearer(req))) return refuse(res, 401, 'auth.bad_token');
      const username = app.sessions.usernameOf(sessionOf(req));
      const { status, envelope } = await receiveUpload(app, req, username, opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES);
      return sendJson(res, status, envelope);
    }
    if (url.pathname.startsWith('/files/version/')) {
      if (!tokenOk(bearer(req))) return refuse(res, 401, 'auth.bad_token');
      const username = app.sessions.usernameOf(sessionOf(req));
      const ref = newRef();
      try {
        if (!username) return sendJson(res, 401, { ok: false, error: toErrorInfo('auth.not_logged_in', {}, ref) });
        const caller = await resolveCaller(app.store.reader, username);
        const file = await readVersionContent({ store: app.store, caller }, url.pathname.slice('/files/version/'.length));
        return send(res, 200, file.bytes, file.mimeType, {
          'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        });
      } catch (err) {
        if (isAppError(err)) {
          app.logger.warn(err.logMessage, { code: err.code, ref });
          return sendJson(res, 404, { ok: false, error: toErrorInfo(err.code, err.params, ref) });
        }
        throw err;
      }
    }
    if (req.method !== 'GET') return refuse(res, 405, 'api.invalid_input', 'GET erwartet');
    const file = await readStatic(opts.rendererDir, url.pathname);
    return send(res, 200, file.body, file.type);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const ref = newRef();
      app.logger.error('http handler failed', { ref, stack: err instanceof Error ? err.stack : String(err) });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: toErrorInfo('api.internal', { ref }, ref) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  allowedOrigins = allowedHosts.map((h) => `http://${h}`);
  app.logger.info('browser mode listening', { port });
  return {
    url: origin,
    openUrl: `${origin}/#token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
