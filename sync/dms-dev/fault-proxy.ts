import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A loopback HTTP proxy in front of the development DMS that misbehaves on purpose, decided by a seeded
 * random generator: it drops requests, answers 500, delays, delivers a request twice, cuts a request
 * body halfway, and cuts a response after the server has already acted on the request.
 */
export interface FaultPlan {
  seed: number;
  /** Probabilities per request, checked in this order; the rest pass through. */
  drop?: number;
  error500?: number;
  cutRequest?: number;
  cutResponse?: number;
  duplicate?: number;
  delay?: number;
  /** Upper bound of a delay in ms. */
  delayMaxMs?: number;
}

export type FaultKind = 'drop' | 'error500' | 'cutRequest' | 'cutResponse' | 'duplicate' | 'delay' | 'pass';

/** A client request as the proxy received it (whole body), before it goes upstream. */
export type RequestHook = (request: { method: string; url: URL; body: Buffer }) => void | Promise<void>;

export interface FaultProxy {
  readonly url: string;
  readonly stats: {
    requests: number;
    /** Request body bytes the server received in full (a cut request counts its delivered part). */
    bytesUpstream: number;
    /** The same per CMIS action (appendContent, createDocument …), to tell uploaded bytes from the rest. */
    bytesByAction: Record<string, number>;
    faults: Record<FaultKind, number>;
  };
  setPlan(plan: FaultPlan): void;
  /** While down, every connection is reset at once: the server looks unreachable. */
  setDown(down: boolean): void;
  /**
   * Runs before each request is passed on (or faulted): a test changes the DMS at an exact point of a
   * client's request sequence, so a race seen under load replays deterministically. null removes it.
   */
  setHook(hook: RequestHook | null): void;
  close(): Promise<void>;
}

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Upstream {
  status: number;
  headers: IncomingMessage['headers'];
  body: IncomingMessage;
}

export async function startFaultProxy(opts: { target: string; plan: FaultPlan; path?: string }): Promise<FaultProxy> {
  const target = new URL(opts.target);
  let plan = opts.plan;
  let random = seededRandom(plan.seed);
  let down = false;
  let hook: RequestHook | null = null;
  const stats: FaultProxy['stats'] = {
    requests: 0,
    bytesUpstream: 0,
    bytesByAction: {},
    faults: { drop: 0, error500: 0, cutRequest: 0, cutResponse: 0, duplicate: 0, delay: 0, pass: 0 },
  };
  const sockets = new Set<Socket>();

  const choose = (): FaultKind => {
    const r = random();
    let acc = 0;
    for (const kind of ['drop', 'error500', 'cutRequest', 'cutResponse', 'duplicate', 'delay'] as const) {
      acc += plan[kind] ?? 0;
      if (r < acc) return kind;
    }
    return 'pass';
  };

  const count = (body: Buffer, bytes: number) => {
    stats.bytesUpstream += bytes;
    const head = body.subarray(0, 4096).toString('latin1');
    const action = /name="cmisaction"\r\n\r\n(\w+)/.exec(head)?.[1] ?? /(?:^|&)cmisaction=(\w+)/.exec(head)?.[1] ?? 'other';
    stats.bytesByAction[action] = (stats.bytesByAction[action] ?? 0) + bytes;
  };

  /** Sends the request upstream; with `cutAfter` only that many body bytes, then the connection dies. */
  const forward = (req: IncomingMessage, body: Buffer, cutAfter?: number): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      // The Host header stays: the server builds its repository URLs from it, and they must lead back here.
      const headers = { ...req.headers };
      const up = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false },
        (res) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: res }),
      );
      up.on('error', reject);
      if (cutAfter === undefined) {
        up.end(body);
        count(body, body.length);
        return;
      }
      up.write(body.subarray(0, cutAfter), () => {
        count(body, cutAfter);
        setTimeout(() => up.destroy(), 5);
        reject(new Error('request cut by the fault proxy'));
      });
    });

  const drain = async (res: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const c of res as AsyncIterable<Buffer>) chunks.push(c);
    return Buffer.concat(chunks);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    stats.requests++;
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    const body = Buffer.concat(chunks);
    await hook?.({ method: req.method ?? 'GET', url: new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`), body });
    const kind = choose();
    stats.faults[kind]++;
    switch (kind) {
      case 'drop':
        return void req.socket.destroy();
      case 'error500':
        res.writeHead(500, { 'Content-Type': 'application/json' });
        return void res.end(JSON.stringify({ exception: 'runtime', message: 'injected by fault proxy' }));
      case 'cutRequest':
        await forward(req, body, Math.floor(body.length / 2)).catch(() => undefined);
        return void req.socket.destroy();
      case 'delay':
        await sleep(Math.floor(random() * (plan.delayMaxMs ?? 200)));
        break;
      case 'duplicate': {
        // The server acts twice; the client sees the answer to the second delivery.
        const first = await forward(req, body);
        await drain(first.body);
        break;
      }
      default:
        break;
    }
    const up = await forward(req, body);
    if (kind === 'cutResponse') {
      const data = await drain(up.body);
      res.writeHead(up.status, { ...up.headers, 'content-length': String(data.length) });
      res.write(data.subarray(0, Math.floor(data.length / 2)));
      return void setTimeout(() => req.socket.destroy(), 5);
    }
    res.writeHead(up.status, up.headers);
    up.body.pipe(res);
  };

  const server: Server = createServer((req, res) => {
    if (down) return void req.socket.destroy();
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (s) => {
    if (down) return void s.destroy();
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${opts.path ?? target.pathname}`,
    stats,
    setPlan(next) {
      plan = next;
      random = seededRandom(next.seed);
    },
    setHook(next) {
      hook = next;
    },
    setDown(value) {
      down = value;
      if (value) for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
