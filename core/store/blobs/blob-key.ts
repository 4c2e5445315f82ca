import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../contract/app-error';
import type { KeyProvider } from '../../platform/key-provider';

const Envelope = z.object({ format: z.literal('eakte-blob-key'), version: z.literal(1), provider: z.string(), wrapped: z.string() });

export const keyEnvelopePath = (dataDir: string) => join(dataDir, 'keys', 'blob-key.json');

/**
 * The data folder's blob key: random, made once, kept only wrapped by the OS key provider.
 * Without a provider a folder that has an envelope cannot be opened (its blobs are sealed).
 */
export async function loadBlobKey(dataDir: string, provider: KeyProvider | undefined): Promise<Buffer | undefined> {
  const file = keyEnvelopePath(dataDir);
  if (!existsSync(file)) {
    if (!provider) return undefined;
    const key = randomBytes(32);
    await writeAtomic(file, JSON.stringify({ format: 'eakte-blob-key', version: 1, provider: provider.kind, wrapped: (await provider.wrap(key)).toString('base64') }));
    return key;
  }
  const parsed = Envelope.safeParse(await readFile(file, 'utf8').then(JSON.parse).catch(() => null));
  if (!parsed.success) throw new AppError('keys.envelope_invalid', {}, 'blob key envelope malformed');
  if (!provider || provider.kind !== parsed.data.provider) {
    throw new AppError('keys.unavailable', {}, `blob key wrapped by ${parsed.data.provider}, opened with ${provider?.kind ?? 'no provider'}`);
  }
  const key = await provider.unwrap(Buffer.from(parsed.data.wrapped, 'base64'));
  if (key.byteLength !== 32) throw new AppError('keys.envelope_invalid', {}, 'unwrapped key has the wrong length');
  return key;
}

/**
 * The database key: derived from the blob key (its own HKDF info), so the database follows the same
 * envelope, provider and rules as the blobs, and one key per data folder is all there is to keep.
 */
export const deriveDatabaseKey = (blobKey: Buffer): Buffer => Buffer.from(hkdfSync('sha256', blobKey, Buffer.alloc(0), 'eakte database v1', 32));

/** The envelope must never be half-written: losing it loses every sealed blob. */
async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${randomBytes(4).toString('hex')}.part`;
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}
