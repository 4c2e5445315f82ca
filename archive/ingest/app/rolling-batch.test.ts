import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileBlobStore, sha256, type BlobStore } from '../../../core/store/blobs/blob-store';
import { tempDir } from '../../../test/helpers/temp-dir';
import { rollingBatch } from './rolling-batch';

let dir: ReturnType<typeof tempDir>;
let store: BlobStore;
beforeEach(() => {
  dir = tempDir('eakte-rolling-batch-');
  store = createFileBlobStore(dir.path);
});
afterEach(() => dir.remove());

const files = (n: number) => Array.from({ length: n }, () => randomBytes(2_000));
const stored = (bytes: Buffer) => existsSync(store.pathOf(sha256(bytes)));
const tempFiles = () => (existsSync(path.join(dir.path, 'tmp')) ? readdirSync(path.join(dir.path, 'tmp')) : []);

describe('rollingBatch', () => {
  it('commits nothing before the package is cleared, and an abort then leaves no blob and no temp file', async () => {
    const blobs = rollingBatch(store, 4);
    const all = files(11);
    await Promise.all(all.map((b) => blobs.put(b)));
    expect(all.filter(stored)).toEqual([]);
    await blobs.abort();
    expect(all.filter(stored)).toEqual([]);
    expect(tempFiles()).toEqual([]);
  });

  it('once cleared, commits each full batch while the next one fills, and commit() makes the rest durable', async () => {
    const blobs = rollingBatch(store, 4);
    const first = files(9);
    // Started together: the batch fills while earlier puts are still writing; none of them may be left out.
    await Promise.all(first.map((b) => blobs.put(b)));
    blobs.clear();
    // Two full batches (8 files) are committed without commit(); the ninth waits in the open batch.
    await vi.waitFor(() => expect(first.slice(0, 8).every(stored)).toBe(true));
    expect(stored(first[8]!)).toBe(false);
    const more = files(6);
    await Promise.all(more.map((b) => blobs.put(b)));
    await blobs.commit();
    for (const b of [...first, ...more]) expect((await store.read(sha256(b))).equals(b)).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it('aborted after some batches were committed, keeps those whole and drops the rest', async () => {
    const blobs = rollingBatch(store, 3);
    blobs.clear();
    const all = files(7);
    await Promise.all(all.map((b) => blobs.put(b)));
    await vi.waitFor(() => expect(all.slice(0, 6).every(stored)).toBe(true));
    await blobs.abort();
    expect(stored(all[6]!)).toBe(false);
    for (const b of all.slice(0, 6)) expect((await store.read(sha256(b))).equals(b)).toBe(true);
    expect(tempFiles()).toEqual([]);
  });
});
