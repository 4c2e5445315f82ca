import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example } from '../../archive/xdomea/testing/system-xmllint';
import { startIntakeService } from '../../ocr';
import { digitalPdf, distinctiveWord } from '../../ocr/pipeline/testing/samples';
import { uploadPath } from '../../core/store/uploads';
import { openDemoApp, type DemoApp, type DemoSession } from '../../test/helpers/demo-app';
import { tempDir } from '../../test/helpers/temp-dir';
import { startHttpServer, type RunningServer } from './server';

const MAX = 256 * 1024;

interface Answer {
  status: number;
  json: { ok: boolean; value?: { uploadId: string }; error?: { code: string; message: string } };
}

/** Raw HTTP, so headers a browser would never send (forged Host, oversized Content-Length) can be tried. */
function put(
  server: RunningServer,
  path: string,
  body: Uint8Array,
  headers: Record<string, string> = {},
  method = 'PUT',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, server.url),
      { method, headers: { Authorization: `Bearer ${server.token}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(chunks).toString()) as Answer['json'],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser-mode upload (PUT /files/upload)', () => {
  let demo: DemoApp;
  let server: RunningServer;
  let post: DemoSession;
  let postSession: string;
  let adminSession: string;
  let pdf: Uint8Array;
  const renderer = tempDir();
  const uploads = () => join(demo.dataDir, 'work', 'uploads');
  const leftOver = () => (existsSync(uploads()) ? readdirSync(uploads()) : []);

  const sessionOf = async (username: string) => {
    const r = await demo.app.dispatch({ sessionId: null, transport: 'test' }, 'session.login', { username });
    if (!r.ok) throw new Error(r.error.code);
    return r.value.sessionId;
  };

  beforeAll(async () => {
    demo = await openDemoApp();
    server = await startHttpServer({ app: demo.app, rendererDir: renderer.path, maxUploadBytes: MAX });
    post = await demo.login('poststelle');
    postSession = await sessionOf('poststelle');
    adminSession = await sessionOf('admin');
    pdf = await digitalPdf(71);
  });
  afterAll(async () => {
    await server.close();
    await demo.close();
    renderer.remove();
  });

  it('refuses uploads without token, from other origins, with forged Host, without session or permission', async () => {
    const body = new Uint8Array([1, 2, 3]);
    const session = { 'X-Eakte-Session': postSession };
    expect(
      (await put(server, '/files/upload?name=a.pdf', body, { ...session, Authorization: 'Bearer falsch' }))
        .status,
    ).toBe(401);
    expect(
      (await put(server, '/files/upload?name=a.pdf', body, { ...session, Origin: 'http://evil.example' }))
        .status,
    ).toBe(403);
    expect(
      (await put(server, '/files/upload?name=a.pdf', body, { ...session, Host: 'evil.example' })).status,
    ).toBe(421);
    expect((await put(server, '/files/upload?name=a.pdf', body, session, 'POST')).status).toBe(405);
    const anonymous = await put(server, '/files/upload?name=a.pdf', body);
    expect([anonymous.status, anonymous.json.error?.code]).toEqual([401, 'auth.not_logged_in']);
    // The administrator reads no record content and so stages no file either.
    const admin = await put(server, '/files/upload?name=a.pdf', body, { 'X-Eakte-Session': adminSession });
    expect([admin.status, admin.json.error?.code]).toEqual([403, 'access.denied']);
    expect(leftOver()).toEqual([]);
  });

  it('refuses a file over the size limit with a German message and keeps nothing of it', async () => {
    const big = new Uint8Array(MAX + 1);
    const r = await put(server, '/files/upload?name=gross.pdf', big, { 'X-Eakte-Session': postSession });
    expect(r.status).toBe(413);
    expect(r.json.error?.code).toBe('intake.upload_too_large');
    expect(r.json.error?.message).toContain('„gross.pdf“');
    expect(leftOver()).toEqual([]);
    // Without a Content-Length (chunked), the limit is enforced while streaming.
    const chunked = await put(server, '/files/upload?name=gross.pdf', big, {
      'X-Eakte-Session': postSession,
      'Transfer-Encoding': 'chunked',
    }).catch(
      () => null, // the server may close the connection before the client finished sending
    );
    if (chunked) expect(chunked.json.error?.code).toBe('intake.upload_too_large');
    expect(leftOver()).toEqual([]);
  });

  it('streams the file into the data folder; only its uploader can take it in, which makes a searchable document', async () => {
    const r = await put(server, `/files/upload?name=${encodeURIComponent('../Brief Müller.pdf')}`, pdf, {
      'X-Eakte-Session': postSession,
    });
    expect(r.status).toBe(200);
    const uploadId = r.json.value!.uploadId;
    const stored = await uploadPath(demo.dataDir, uploadId, 'poststelle');
    expect(stored.startsWith(uploads())).toBe(true);
    expect(readFileSync(stored)).toEqual(Buffer.from(pdf));
    await expect(uploadPath(demo.dataDir, uploadId, 'sb21')).rejects.toMatchObject({
      code: 'intake.upload_not_found',
    });

    const started = await post.ok('intake.start', { uploads: [uploadId], sender: 'Firma Müller GmbH' });
    expect(started.rejected).toEqual([]);
    const [batch] = started.batches;
    expect(batch?.original).toEqual({
      fileName: 'Brief Müller.pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    expect(leftOver()).toEqual([]); // the content is in the blob store now
    const again = await post.call('intake.start', { uploads: [uploadId] });
    expect(again.ok ? null : again.error.code).toBe('intake.upload_not_found');

    await (await startIntakeService(demo.app.deps)).queue.idle();
    const job = await post.ok('intake.getJob', { uuid: batch!.uuid });
    const [doc] = job.children;
    expect(doc?.status).toBe('done');
    expect(doc?.sender).toBe('Firma Müller GmbH');
    const word = distinctiveWord(71, []);
    const hits = await post.ok('search.query', { q: word, limit: 10 });
    expect(hits.hits.map((h) => h.document.uuid)).toContain(doc?.result?.documentUuid);
  });

  it('stages an archivist’s 0503 ZIP, which archiv.receive takes in by id and then removes', async () => {
    const prozess = '9fde4e7a-b41b-11ec-9225-005056871b7c';
    const work = tempDir();
    const zip = join(work.path, `${prozess}_Aussonderung.Aussonderung.0503.zip`);
    execFileSync('zip', ['-j', '-q', zip, example(`lavnrw-v3.0.0/${prozess}_Aussonderung.Aussonderung.0503.xml`), example('lavnrw-v3.0.0/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt')]);
    const r = await put(server, `/files/upload?name=${encodeURIComponent(basename(zip))}`, readFileSync(zip), {
      'X-Eakte-Session': await sessionOf('archiv'),
    });
    work.remove();
    expect(r.status).toBe(200);
    const uploadId = r.json.value!.uploadId;
    const archivist = await demo.login('archiv');
    const received = await archivist.ok('archiv.receive', { source: { kind: 'upload', uploadId } });
    expect([received.sourceName, received.prozessId, received.status]).toEqual([basename(zip), prozess, 'ok']);
    expect(leftOver()).toEqual([]);
    expect((await archivist.fails('archiv.receive', { source: { kind: 'upload', uploadId } })).code).toBe(
      'intake.upload_not_found',
    );
  });
});
