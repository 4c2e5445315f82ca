import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/**
 * At-rest format of an encrypted blob: MAGIC, a random salt, then the plaintext in 64 KiB segments,
 * each sealed with AES-256-GCM under a per-file key (HKDF of the store key and the salt). Segments let
 * a reader decrypt any byte range (resumable uploads) and stream large files; the last segment carries
 * a flag in its nonce, so cutting segments off the end is detected like any other change.
 */
export const MAGIC = Buffer.from('EAKTEBL1');
const SALT = 16;
export const HEADER = MAGIC.length + SALT;
export const SEGMENT = 64 * 1024;
const TAG = 16;
const SEALED = SEGMENT + TAG;

const fileKey = (key: Buffer, salt: Buffer) => Buffer.from(hkdfSync('sha256', key, salt, 'eakte blob v1', 32));

function nonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUInt32BE(index, 7);
  n[11] = last ? 1 : 0;
  return n;
}

function seal(k: Buffer, index: number, last: boolean, plain: Uint8Array): Buffer {
  const c = createCipheriv('aes-256-gcm', k, nonce(index, last));
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

/** Writes plaintext pushed in any chunk sizes as sealed segments to an open file. */
export function segmentWriter(key: Buffer, fh: { write(bytes: Uint8Array): Promise<unknown> }) {
  const salt = randomBytes(SALT);
  const k = fileKey(key, salt);
  let pending = Buffer.alloc(0);
  let index = 0;
  let started = false;
  const header = async () => {
    if (!started) await fh.write(Buffer.concat([MAGIC, salt]));
    started = true;
  };
  return {
    async write(chunk: Uint8Array): Promise<void> {
      await header();
      pending = Buffer.concat([pending, chunk]);
      // A full segment is sealed only once more data follows, so the last one is always known as last.
      while (pending.byteLength > SEGMENT) {
        await fh.write(seal(k, index++, false, pending.subarray(0, SEGMENT)));
        pending = pending.subarray(SEGMENT);
      }
    },
    async end(): Promise<void> {
      await header();
      await fh.write(seal(k, index, true, pending));
    },
  };
}

export const isSealed = (head: Uint8Array): boolean => Buffer.from(head.subarray(0, MAGIC.length)).equals(MAGIC);

/** Plaintext size and segment count from the file size (every segment adds exactly one tag). */
export function sealedLayout(fileSize: number): { segments: number; plainSize: number } {
  const body = fileSize - HEADER;
  if (body < TAG) throw new Error('sealed blob shorter than one segment');
  const segments = Math.ceil(body / SEALED);
  return { segments, plainSize: body - segments * TAG };
}

/** Decrypts a byte range of a sealed file, reading only the segments it touches; throws on any change. */
export async function readSealedRange(key: Buffer, fh: FileHandle, fileSize: number, offset: number, length: number): Promise<Buffer> {
  const { segments, plainSize } = sealedLayout(fileSize);
  const end = Math.min(offset + length, plainSize);
  if (offset >= end) {
    // Still authenticate the header and last segment, so an empty answer is never a forged one.
    if (plainSize === 0) await openSegment(key, fh, fileSize, segments, 0);
    return Buffer.alloc(0);
  }
  const parts: Buffer[] = [];
  for (let i = Math.floor(offset / SEGMENT); i * SEGMENT < end; i++) parts.push(await openSegment(key, fh, fileSize, segments, i));
  const first = Math.floor(offset / SEGMENT) * SEGMENT;
  return Buffer.concat(parts).subarray(offset - first, end - first);
}

/** Yields the plaintext segment by segment (memory of one segment). */
export async function* readSealed(key: Buffer, fh: FileHandle, fileSize: number): AsyncGenerator<Buffer> {
  const { segments } = sealedLayout(fileSize);
  for (let i = 0; i < segments; i++) yield await openSegment(key, fh, fileSize, segments, i);
}

// Derived once per open file: HKDF per segment would dominate reads of large blobs.
const fileKeys = new WeakMap<FileHandle, Buffer>();

async function openSegment(key: Buffer, fh: FileHandle, fileSize: number, segments: number, index: number): Promise<Buffer> {
  let k = fileKeys.get(fh);
  if (!k) {
    const head = Buffer.alloc(HEADER);
    await fh.read(head, 0, HEADER, 0);
    if (!isSealed(head)) throw new Error('not a sealed blob');
    k = fileKey(key, head.subarray(MAGIC.length));
    fileKeys.set(fh, k);
  }
  const start = HEADER + index * SEALED;
  const size = Math.min(SEALED, fileSize - start);
  const sealed = Buffer.alloc(size);
  await fh.read(sealed, 0, size, start);
  const d = createDecipheriv('aes-256-gcm', k, nonce(index, index === segments - 1));
  d.setAuthTag(sealed.subarray(size - TAG));
  return Buffer.concat([d.update(sealed.subarray(0, size - TAG)), d.final()]);
}
