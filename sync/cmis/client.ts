import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Agent, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { AppError } from '../../contract/app-error';
import {
  CmisErrorBody,
  CmisObject,
  ContentChanges,
  ObjectList,
  Parents,
  QueryResult,
  ServiceDocument,
  Versions,
  type RepositoryInfo,
} from './schemas';
import { trustedCertificates } from './trust';

/**
 * A CMIS 1.1 browser-binding client: JSON over HTTP(S) with basic or bearer auth, keep-alive
 * connections, a timeout per request, every answer validated. Requests go through undici: an initial sync
 * makes one request per document, and node:http's per-request work (request object, header object, socket
 * listeners) was about a third of the busy main thread there; undici's pool needs less than half of it. Transport failures become
 * `sync.server_unreachable` / `sync.server_error`; CMIS exceptions the caller may handle become
 * `CmisRemoteError` with the exception name.
 */
export type CmisAuth = { type: 'basic'; username: string; password: string } | { type: 'bearer'; token: string };

export interface CmisClientOptions {
  /** The browser binding service URL (its GET answers with the repositories). */
  url: string;
  repositoryId?: string;
  auth: CmisAuth;
  /** Idle time without any byte before a request counts as failed. */
  timeoutMs?: number;
  caFile?: string;
}

export class CmisRemoteError extends Error {
  constructor(
    readonly exception: string,
    readonly status: number,
    message: string,
  ) {
    super(`${exception}: ${message}`);
    this.name = 'CmisRemoteError';
  }
}

export const isCmisError = (err: unknown, ...exceptions: string[]): err is CmisRemoteError =>
  err instanceof CmisRemoteError && (exceptions.length === 0 || exceptions.includes(err.exception));

export type PropertyInput = Record<string, string | string[] | null>;

interface Content {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

/** Connections per DMS origin (the pull's parallel downloads and folder listings use up to 16). */
const CONNECTIONS = 16;

export class CmisClient {
  private readonly dispatcher: Agent;
  private readonly authHeader: string;
  private info: RepositoryInfo | null = null;
  private closed = false;

  constructor(private readonly opts: CmisClientOptions) {
    const timeout = opts.timeoutMs ?? 30_000;
    // The timeouts are idle times: until the headers, and between two pieces of the body.
    this.dispatcher = new Agent({
      connections: CONNECTIONS,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connect: { timeout, ...(opts.url.startsWith('https:') ? { ca: trustedCertificates(opts.caFile) } : {}) },
    });
    this.authHeader =
      opts.auth.type === 'basic'
        ? `Basic ${Buffer.from(`${opts.auth.username}:${opts.auth.password}`).toString('base64')}`
        : `Bearer ${opts.auth.token}`;
  }

  /** Cuts every request under way (they fail as `sync.server_unreachable`) and refuses new ones. */
  close(): void {
    this.closed = true;
    this.dispatcher.destroy().catch(() => undefined); // nothing left to report: the requests failed already
  }

  // ---- transport -----------------------------------------------------------------------------------

  private async send(method: 'GET' | 'POST', url: string, body?: { data: Buffer; type: string }): Promise<Dispatcher.ResponseData> {
    if (this.closed) throw unreachable(new Error('client closed'));
    const target = new URL(url);
    try {
      return await this.dispatcher.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method,
        headers: body
          ? { authorization: this.authHeader, accept: 'application/json', 'content-type': body.type }
          : { authorization: this.authHeader, accept: 'application/json' },
        body: body?.data,
      });
    } catch (err) {
      throw unreachable(err);
    }
  }

  private async json<S extends z.ZodType>(method: 'GET' | 'POST', url: string, schema: S, body?: { data: Buffer; type: string }): Promise<z.output<S>> {
    const res = await this.send(method, url, body);
    const text = await readText(res);
    checkStatus(res.statusCode, text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AppError('sync.bad_response', { detail: 'kein JSON' }, `non-JSON answer from ${method} ${new URL(url).pathname}`);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new AppError('sync.bad_response', { detail: `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() }, 'CMIS answer failed validation');
    }
    return result.data;
  }

  private get<S extends z.ZodType>(url: string, params: Record<string, string>, schema: S): Promise<z.output<S>> {
    return this.json('GET', `${url}?${new URLSearchParams({ succinct: 'true', ...params })}`, schema);
  }

  private post<S extends z.ZodType>(url: string, params: Record<string, string>, schema: S, content?: Content): Promise<z.output<S>> {
    const all = { succinct: 'true', ...params };
    return this.json('POST', url, schema, content ? multipart(all, content) : { data: Buffer.from(new URLSearchParams(all).toString()), type: 'application/x-www-form-urlencoded; charset=utf-8' });
  }

  // ---- repository --------------------------------------------------------------------------------------

  async repository(): Promise<RepositoryInfo> {
    if (this.info) return this.info;
    const repos = await this.json('GET', this.opts.url, ServiceDocument);
    const info = this.opts.repositoryId ? repos[this.opts.repositoryId] : Object.values(repos)[0];
    if (!info) throw new AppError('sync.bad_config', { detail: 'Repository nicht gefunden' }, 'repository not offered by the server');
    this.info = info;
    return info;
  }

  /** Fresh repository info, for the current change log token. */
  async repositoryInfo(): Promise<RepositoryInfo> {
    const info = await this.repository();
    const fresh = await this.get(info.repositoryUrl, { cmisselector: 'repositoryInfo' }, ServiceDocument);
    return fresh[info.repositoryId] ?? info;
  }

  private async root(): Promise<string> {
    return (await this.repository()).rootFolderUrl;
  }

  // ---- reading -----------------------------------------------------------------------------------------

  async getObject(objectId: string, opts: { latest?: boolean } = {}): Promise<CmisObject> {
    return this.get(await this.root(), { cmisselector: 'object', objectId, ...(opts.latest ? { returnVersion: 'latest' } : {}) }, CmisObject);
  }

  async getObjectByPath(path: string): Promise<CmisObject> {
    const encoded = path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
    return this.get(`${await this.root()}/${encoded}`, { cmisselector: 'object' }, CmisObject);
  }

  async children(folderId: string, skipCount: number, maxItems: number): Promise<{ objects: CmisObject[]; hasMoreItems: boolean }> {
    const r = await this.get(await this.root(), { cmisselector: 'children', objectId: folderId, skipCount: String(skipCount), maxItems: String(maxItems) }, ObjectList);
    return { objects: r.objects.map((o) => o.object), hasMoreItems: r.hasMoreItems };
  }

  async parentId(objectId: string): Promise<string | null> {
    const parents = await this.get(await this.root(), { cmisselector: 'parents', objectId }, Parents);
    const id = parents[0]?.object.succinctProperties['cmis:objectId'];
    return typeof id === 'string' ? id : null;
  }

  /** All versions, newest first (as CMIS returns them), working copy included when there is one. */
  async versions(objectId: string): Promise<CmisObject[]> {
    return this.get(await this.root(), { cmisselector: 'versions', objectId }, Versions);
  }

  async query(statement: string, skipCount: number, maxItems: number): Promise<{ results: CmisObject[]; hasMoreItems: boolean }> {
    const info = await this.repository();
    return this.post(info.repositoryUrl, { cmisaction: 'query', statement, skipCount: String(skipCount), maxItems: String(maxItems), searchAllVersions: 'false' }, QueryResult);
  }

  async contentChanges(changeLogToken: string | null, maxItems: number): Promise<ContentChanges> {
    const info = await this.repository();
    return this.get(
      info.repositoryUrl,
      { cmisselector: 'contentChanges', includeProperties: 'true', maxItems: String(maxItems), ...(changeLogToken ? { changeLogToken } : {}) },
      ContentChanges,
    );
  }

  /**
   * The content stream; the caller consumes or destroys it. A body cut short (fewer bytes than announced,
   * connection lost, idle too long) ends the stream with an error, never as if complete.
   */
  async content(objectId: string): Promise<Readable> {
    const url = `${await this.root()}?${new URLSearchParams({ cmisselector: 'content', objectId })}`;
    const res = await this.send('GET', url);
    if (res.statusCode >= 300) checkStatus(res.statusCode, await readText(res));
    return res.body;
  }

  // ---- writing -----------------------------------------------------------------------------------------

  async createFolder(parentId: string, props: PropertyInput): Promise<CmisObject> {
    return this.post(await this.root(), { cmisaction: 'createFolder', objectId: parentId, ...propertyParams(props) }, CmisObject);
  }

  async createDocument(parentId: string, props: PropertyInput, versioningState: 'major' | 'checkedout', content?: Content): Promise<CmisObject> {
    return this.post(await this.root(), { cmisaction: 'createDocument', objectId: parentId, versioningState, ...propertyParams(props) }, CmisObject, content);
  }

  async updateProperties(objectId: string, props: PropertyInput, changeToken: string | null): Promise<CmisObject> {
    return this.post(await this.root(), { cmisaction: 'update', objectId, ...(changeToken ? { changeToken } : {}), ...propertyParams(props) }, CmisObject);
  }

  async move(objectId: string, targetFolderId: string, sourceFolderId: string): Promise<CmisObject> {
    return this.post(await this.root(), { cmisaction: 'move', objectId, targetFolderId, sourceFolderId }, CmisObject);
  }

  async deleteObject(objectId: string): Promise<void> {
    await this.post(await this.root(), { cmisaction: 'delete', objectId, allVersions: 'true' }, CmisErrorBody.partial());
  }

  async checkOut(objectId: string): Promise<CmisObject> {
    return this.post(await this.root(), { cmisaction: 'checkOut', objectId }, CmisObject);
  }

  async checkIn(pwcId: string, props: PropertyInput, changeToken: string | null): Promise<CmisObject> {
    return this.post(await this.root(), { cmisaction: 'checkIn', objectId: pwcId, major: 'true', ...(changeToken ? { changeToken } : {}), ...propertyParams(props) }, CmisObject);
  }

  async deleteContent(objectId: string, changeToken: string | null): Promise<CmisObject> {
    return this.post(await this.root(), { cmisaction: 'deleteContent', objectId, ...(changeToken ? { changeToken } : {}) }, CmisObject);
  }

  /** Appends one chunk; the change token makes a duplicated delivery fail instead of appending twice. */
  async appendContent(objectId: string, chunk: Content, isLastChunk: boolean, changeToken: string | null): Promise<CmisObject> {
    return this.post(
      await this.root(),
      { cmisaction: 'appendContent', objectId, isLastChunk: String(isLastChunk), ...(changeToken ? { changeToken } : {}) },
      CmisObject,
      chunk,
    );
  }
}

function propertyParams(props: PropertyInput): Record<string, string> {
  const out: Record<string, string> = {};
  Object.entries(props).forEach(([id, value], i) => {
    out[`propertyId[${i}]`] = id;
    if (Array.isArray(value)) value.forEach((v, j) => (out[`propertyValue[${i}][${j}]`] = v));
    else if (value !== null) out[`propertyValue[${i}]`] = value;
  });
  return out;
}

function multipart(params: Record<string, string>, content: Content): { data: Buffer; type: string } {
  const boundary = `----eakte${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(params)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  const fileName = content.fileName.replace(/["\r\n]/g, '_');
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="${fileName}"\r\nContent-Type: ${content.mimeType}\r\n\r\n`));
  parts.push(Buffer.from(content.bytes.buffer, content.bytes.byteOffset, content.bytes.byteLength));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { data: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function readText(res: Dispatcher.ResponseData): Promise<string> {
  try {
    return await res.body.text();
  } catch (err) {
    throw unreachable(err);
  }
}

function checkStatus(status: number, text: string): void {
  if (status >= 200 && status < 300) return;
  if (status === 401) throw new AppError('sync.auth_failed', {}, 'DMS refused the credentials');
  if (status >= 500 || status === 429 || status === 408) {
    throw new AppError('sync.server_error', { status }, `DMS answered HTTP ${status}`);
  }
  let body: { exception: string; message?: string } = { exception: `http${status}` };
  try {
    const parsed = CmisErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    // Not a CMIS error body; the status alone says what happened.
  }
  throw new CmisRemoteError(body.exception, status, body.message ?? '');
}

function unreachable(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as NodeJS.ErrnoException)?.code ?? (err instanceof Error ? err.message : 'unknown');
  return new AppError('sync.server_unreachable', {}, `DMS not reachable: ${code}`, { cause: err });
}
