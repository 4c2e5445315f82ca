import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../contract/app-error';

/**
 * Browser-mode uploads: a file streamed into the data folder (never held in memory) until a method takes
 * it in (`intake.start`, `documents.addVersion`, `archiv.receive`, `digitalisate.addPages`). Each upload is a folder `<id>/` with the uploader's name in
 * `owner` and the file under its own name in `file/`, so the job shows the name the user chose, only the
 * uploader can start it, and an id alone grants nothing to anyone else.
 */

/** Uploads never started are removed after this long (they were abandoned). */
export const UPLOAD_TTL_MS = 6 * 60 * 60 * 1000;

const uploadsDir = (dataDir: string) => join(dataDir, 'work', 'uploads');
const OWNER = 'owner';
const FILE_DIR = 'file';

/** A name sent by a browser, as one harmless path segment (no folders, no control characters). */
export function uploadFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // Control characters are exactly what must go.
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().replace(/^\.+/, '');
  return clean.slice(-200) || 'upload';
}

export interface SaveUpload {
  owner: string;
  fileName: string;
  body: Readable;
  maxBytes: number;
  now?: number;
}

/** Streams one upload into the data folder; over `maxBytes` it is refused and nothing stays behind. */
export async function saveUpload(dataDir: string, u: SaveUpload): Promise<string> {
  await pruneUploads(dataDir, u.now ?? Date.now());
  const id = randomUUID();
  const dir = join(uploadsDir(dataDir), id);
  const name = uploadFileName(u.fileName);
  await mkdir(join(dir, FILE_DIR), { recursive: true });
  try {
    await writeFile(join(dir, OWNER), u.owner);
    let size = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > u.maxBytes) done(tooLarge(name, u.maxBytes));
        else done(null, chunk);
      },
    });
    await pipeline(u.body, cap, createWriteStream(join(dir, FILE_DIR, name), { flags: 'wx' }));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('intake.upload_failed', { name }, `upload not received: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return id;
}

export const tooLarge = (name: string, maxBytes: number) =>
  new AppError(
    'intake.upload_too_large',
    { name, maxMb: Math.floor(maxBytes / 1024 / 1024) },
    'upload over the size limit',
  );

/** The path of an upload of this user; anyone else's (or an expired one) is "not found". */
export async function uploadPath(dataDir: string, id: string, owner: string): Promise<string> {
  const dir = join(uploadsDir(dataDir), id);
  const notFound = () =>
    new AppError('intake.upload_not_found', {}, `upload ${id} missing or of another user`);
  let storedOwner: string;
  let names: string[];
  try {
    storedOwner = await readFile(join(dir, OWNER), 'utf8');
    names = await readdir(join(dir, FILE_DIR));
  } catch {
    throw notFound();
  }
  if (storedOwner !== owner || names.length !== 1) throw notFound();
  return join(dir, FILE_DIR, names[0]!);
}

/** Removes an upload once intake holds its content in the blob store. */
export const removeUpload = (dataDir: string, id: string) =>
  rm(join(uploadsDir(dataDir), id), { recursive: true, force: true });

async function pruneUploads(dataDir: string, now: number): Promise<void> {
  let ids: string[];
  try {
    ids = await readdir(uploadsDir(dataDir));
  } catch {
    return; // no upload yet
  }
  for (const id of ids) {
    const st = await stat(join(uploadsDir(dataDir), id)).catch(() => null);
    if (st && now - st.mtimeMs > UPLOAD_TTL_MS) await removeUpload(dataDir, id);
  }
}
