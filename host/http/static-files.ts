import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/** Resolves a URL path inside the renderer build; anything outside it, or unknown, falls back to index.html. */
export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string }> {
  const rel = normalize(decodeURIComponent(urlPath.split('?')[0] ?? '/')).replace(/^([/\\])+/, '');
  const full = join(root, rel);
  const inside = full === root || full.startsWith(root.endsWith(sep) ? root : root + sep);
  const ext = extname(full);
  if (inside && rel && MIME[ext]) {
    try {
      return { body: await readFile(full), type: MIME[ext] };
    } catch {
      // fall through to the app shell: client-side routes have no file
    }
  }
  return { body: await readFile(join(root, 'index.html')), type: MIME['.html']! };
}
