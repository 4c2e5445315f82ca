import type { IncomingMessage } from 'node:http';
import { CmisFault } from './faults';

/** The parameters of one browser-binding request, and the uploaded content stream if any. */
export interface FormData {
  params: Map<string, string>;
  content: { bytes: Buffer; mimeType: string; fileName: string } | null;
}

const MAX_BODY = 256 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new CmisFault('constraint', 'request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function parseForm(contentType: string, body: Buffer, query: URLSearchParams): FormData {
  const params = new Map(query);
  if (/^multipart\/form-data/i.test(contentType)) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
    if (!boundary) throw new CmisFault('invalidArgument', 'multipart without boundary');
    return parseMultipart(body, boundary[1] ?? boundary[2] ?? '', params);
  }
  if (body.length) for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
  return { params, content: null };
}

function parseMultipart(body: Buffer, boundary: string, params: Map<string, string>): FormData {
  const delimiter = Buffer.from(`--${boundary}`);
  let content: FormData['content'] = null;
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new CmisFault('invalidArgument', 'multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    pos += 2; // CRLF after the delimiter
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new CmisFault('invalidArgument', 'truncated multipart headers');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) throw new CmisFault('invalidArgument', 'truncated multipart body');
    const value = body.subarray(headerEnd + 4, next);
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    const fileName = /filename="([^"]*)"/i.exec(headers)?.[1];
    if (fileName !== undefined || name === 'content') {
      const mimeType = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
      content = { bytes: Buffer.from(value), mimeType, fileName: fileName ?? 'content' };
    } else {
      params.set(name, value.toString('utf8'));
    }
    pos = next + 2;
  }
  return { params, content };
}
