import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CmisClient } from './client';

/** Bad answers from a DMS are refused at the border with a code the engine can act on. */
describe('CMIS client at the border', () => {
  let server: Server;
  let base: string;
  let answer: (res: ServerResponse) => void = () => undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/browser?')) {
        const repo = { repositoryId: 'r', rootFolderId: 'root', repositoryUrl: `${base}/r`, rootFolderUrl: `${base}/r/root` };
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ r: repo }));
      }
      answer(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/browser`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const client = () => new CmisClient({ url: `${base}?x=1`, auth: { type: 'bearer', token: 't' }, timeoutMs: 300 });
  const failure = async (respond: typeof answer) => {
    answer = respond;
    const c = client();
    try {
      await c.getObject('x');
      return null;
    } catch (err) {
      return err as { code?: string; exception?: string };
    } finally {
      c.close();
    }
  };

  it('maps broken, invalid, failing, slow and cut answers to sync error codes', async () => {
    expect(await failure((res) => res.end('{"succinctProperties": '))).toMatchObject({ code: 'sync.bad_response' });
    expect(await failure((res) => res.end(JSON.stringify({ succinctProperties: { 'cmis:name': 'ohne Id' } })))).toMatchObject({ code: 'sync.bad_response' });
    expect(await failure((res) => (res.writeHead(503), res.end()))).toMatchObject({ code: 'sync.server_error' });
    expect(await failure((res) => (res.writeHead(401), res.end()))).toMatchObject({ code: 'sync.auth_failed' });
    expect(await failure(() => undefined)).toMatchObject({ code: 'sync.server_unreachable' });
    expect(
      await failure((res) => {
        res.writeHead(200, { 'Content-Length': '1000' });
        res.write('{"succinctProperties":');
        setTimeout(() => res.destroy(), 20);
      }),
    ).toMatchObject({ code: 'sync.server_unreachable' });
    expect(
      await failure((res) => (res.writeHead(404, { 'Content-Type': 'application/json' }), res.end(JSON.stringify({ exception: 'objectNotFound', message: 'x' })))),
    ).toMatchObject({ exception: 'objectNotFound' });
    expect(await failure((res) => res.end(JSON.stringify({ succinctProperties: { 'cmis:objectId': 'x' } })))).toBeNull();
  });

  /** Reads a content stream to its end: the bytes, or the error the stream ended with. */
  const download = async (respond: typeof answer) => {
    answer = respond;
    const c = client();
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await c.content('x')) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    } catch (err) {
      return err as Error;
    } finally {
      c.close();
    }
  };

  it('never hands out a content stream cut short as complete', async () => {
    const half = (headers: Record<string, string>) => (res: ServerResponse) => {
      res.writeHead(200, headers);
      res.write(Buffer.alloc(500, 1));
      setTimeout(() => res.destroy(), 20);
    };
    expect(await download(half({ 'Content-Length': '1000' }))).toBeInstanceOf(Error);
    expect(await download(half({ 'Transfer-Encoding': 'chunked' }))).toBeInstanceOf(Error);
    // Stalled in the middle for longer than the idle timeout.
    expect(await download((res) => (res.writeHead(200, { 'Content-Length': '1000' }), res.write(Buffer.alloc(500, 1))))).toBeInstanceOf(Error);
    expect(await download((res) => (res.writeHead(404, { 'Content-Type': 'application/json' }), res.end(JSON.stringify({ exception: 'objectNotFound' }))))).toMatchObject({ exception: 'objectNotFound' });
    expect(await download((res) => res.end(Buffer.alloc(1000, 2)))).toEqual(Buffer.alloc(1000, 2));
  });
});
