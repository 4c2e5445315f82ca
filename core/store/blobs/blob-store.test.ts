import { spawn } from 'node:child_process';
import { randomBytes, webcrypto } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../contract/app-error';
import { traceNode, type TracedCall } from '../../../test/helpers/strace';
import { tempDir } from '../../../test/helpers/temp-dir';
import { fileSystemFlushReportsErrors } from '../fsync';
import { BATCH_OPEN_FILES, createFileBlobStore, sha256 } from './blob-store';

const dirs: { remove(): void }[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d.path;
};
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isAppError(e) ? e.code : String(e)),
  );

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

describe('content-addressed blob store', () => {
  it('puts new blobs in sha256/xx/<hash> and still finds, lists, seals and deduplicates those of the older sha256/xx/yy/<hash>', async () => {
    const root = fresh();
    const old = Buffer.from('Bescheid aus dem alten Ablageschema');
    const hash = sha256(old);
    const oldPath = join(root, 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash);
    mkdirSync(dirname(oldPath), { recursive: true });
    writeFileSync(oldPath, old);
    const blobs = createFileBlobStore(root, randomBytes(32));
    expect(blobs.pathOf(hash)).toBe(oldPath);
    expect(await blobs.has(hash)).toBe(true);
    expect((await blobs.read(hash)).equals(old)).toBe(true);
    expect((await blobs.readRange(hash, 4, 3)).toString()).toBe('hei');
    // Put again, single and in a batch: the old file stays the only copy.
    await blobs.put(old);
    const batch = blobs.batch();
    await batch.put(old);
    const fresh1 = await batch.put(Buffer.from('neu'));
    await batch.commit();
    expect(blobs.pathOf(fresh1.hash)).toBe(join(root, 'sha256', fresh1.hash.slice(0, 2), fresh1.hash));
    expect(filesUnder(join(root, 'sha256')).sort()).toEqual([oldPath, blobs.pathOf(fresh1.hash)].sort());
    expect((await blobs.list()).sort()).toEqual([hash, fresh1.hash].sort());
    // Sealed where it is.
    expect(await blobs.seal(hash)).toBe(true);
    expect(readFileSync(oldPath).subarray(0, 8).toString()).toBe('EAKTEBL1');
    expect((await blobs.read(hash)).equals(old)).toBe(true);
  });

  it('stores by SHA-256, deduplicates and reads back verified', async () => {
    const root = fresh();
    const blobs = createFileBlobStore(root);
    const bytes = Buffer.from('Pfändungs- und Einziehungsverfügung');
    const a = await blobs.put(bytes);
    const b = await blobs.putStream((async function* () {
      yield bytes.subarray(0, 5);
      yield bytes.subarray(5);
    })());
    expect(a).toEqual({ hash: sha256(bytes), size: bytes.length });
    expect(b).toEqual(a);
    expect(filesUnder(join(root, 'sha256'))).toHaveLength(1);
    expect((await blobs.read(a.hash)).equals(bytes)).toBe(true);
    expect(await blobs.verify(a.hash)).toEqual(a);
  });

  it('refuses a blob whose bytes no longer match its hash, and reports a missing one', async () => {
    const blobs = createFileBlobStore(fresh());
    const { hash } = await blobs.put(Buffer.from('Originalinhalt'));
    writeFileSync(blobs.pathOf(hash), 'Manipuliert!!');
    expect(await codeOf(blobs.read(hash))).toBe('store.blob_hash_mismatch');
    expect(await codeOf(blobs.verify(hash))).toBe('store.blob_hash_mismatch');
    expect(await codeOf(blobs.read('a'.repeat(64)))).toBe('store.blob_missing');
  });

  it('never leaves a partial blob under its final name when the writer is killed mid-write', async () => {
    const root = fresh();
    // A child process streams 200 MB into the store; it is killed with SIGKILL while writing.
    const script = `
      import { createFileBlobStore } from ${JSON.stringify(join(import.meta.dirname, 'blob-store.ts'))};
      const blobs = createFileBlobStore(${JSON.stringify(root)});
      const chunk = Buffer.alloc(1 << 20, 7);
      await blobs.putStream((async function* () {
        for (let i = 0; i < 200; i++) { if (i === 3) process.stdout.write('writing\\n'); yield chunk; }
      })());
      process.stdout.write('done\\n');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && resolve()));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));

    for (const file of filesUnder(join(root, 'sha256'))) {
      expect(sha256(readFileSync(file))).toBe(file.split('/').pop());
    }
    const leftovers = filesUnder(join(root, 'tmp'));
    // The interrupted write is visible only as one temp file, which a later cleanup may remove.
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(/\.part$/);
    // The store keeps working after the crash.
    const blobs = createFileBlobStore(root);
    const ref = await blobs.put(Buffer.from('nach dem Absturz'));
    expect((await blobs.read(ref.hash)).toString()).toBe('nach dem Absturz');
  });
});

const storeModule = JSON.stringify(join(import.meta.dirname, 'blob-store.ts'));

/**
 * 20 puts and a commit in a child under strace, with the store options given (as code); `<marks>/vor` is
 * renamed to `<marks>/nach` the moment commit() resolved.
 */
async function tracedBatch(root: string, options: string, strace: string[] = []): Promise<{ calls: TracedCall[]; resolvedAt: number; mainPid: string }> {
  const marks = fresh();
  const script = `
    import { renameSync, writeFileSync } from 'node:fs';
    import { createFileBlobStore } from ${storeModule};
    writeFileSync(${JSON.stringify(join(marks, 'vor'))}, '');
    const batch = createFileBlobStore(${JSON.stringify(root)}, undefined, ${options}).batch();
    for (let i = 0; i < 20; i++) await batch.put(Buffer.from('Seite ' + i));
    await batch.commit();
    renameSync(${JSON.stringify(join(marks, 'vor'))}, ${JSON.stringify(join(marks, 'nach'))});
  `;
  const calls = await traceNode(script, ['execve', 'openat', 'close', 'fsync', 'syncfs', 'rename', 'renameat', 'renameat2', 'mkdir', 'mkdirat'], strace);
  const resolvedAt = calls.find((c) => c.name.startsWith('rename') && c.path === join(marks, 'vor'))!.at;
  // The thread that started Node is the main thread (the pool's threads and `sync` processes come later).
  const mainPid = calls.find((c) => c.name === 'execve' && c.path === process.execPath)!.pid;
  return { calls, resolvedAt, mainPid };
}

/**
 * The order that makes a batch crash-safe, whichever way it is reached: each temp file's data durable (an
 * fsync of it, or a syncfs begun after it was closed) before its rename; each rename and each new folder's
 * entry durable (an fsync of the folder that gained it, or a syncfs begun after) before commit() resolves.
 * Temp files, renames and folders are plain calls on the main thread, fsyncs run in the thread pool.
 */
function expectDurableOrder({ calls, resolvedAt, mainPid }: Awaited<ReturnType<typeof tracedBatch>>, root: string) {
  const ok = calls.filter((c) => c.ok);
  const syncfs = ok.filter((c) => c.name === 'syncfs' && c.path.startsWith(root));
  const fsynced = (path: string, after: number, before: number) => ok.some((c) => c.name === 'fsync' && c.path === path && c.at > after && c.end < before);
  const flushed = (after: number, before: number) => syncfs.some((c) => c.at > after && c.end < before);
  const renames = ok.filter((c) => c.name.startsWith('rename') && c.path.endsWith('.part'));
  expect(renames).toHaveLength(20);
  for (const r of renames) {
    const closed = Math.max(...ok.filter((c) => c.name === 'close' && c.path === r.path).map((c) => c.end));
    expect(fsynced(r.path, 0, r.at) || flushed(closed, r.at)).toBe(true);
    expect(fsynced(dirname(r.to!), r.end, resolvedAt) || flushed(r.end, resolvedAt)).toBe(true);
  }
  const made = ok.filter((c) => c.name.startsWith('mkdir') && c.path.startsWith(join(root, 'sha256')));
  // One folder per first two hex digits of the hash, each made before its first blob went in.
  for (const r of renames) expect(made.some((m) => m.path === dirname(r.to!) && m.end < r.at)).toBe(true);
  for (const m of made) expect(fsynced(dirname(m.path), m.end, resolvedAt) || flushed(m.end, resolvedAt)).toBe(true);
  const tempOpens = ok.filter((c) => c.name === 'openat' && c.path.endsWith('.part'));
  expect(new Set([...tempOpens, ...renames, ...made].map((c) => c.pid))).toEqual(new Set([mainPid]));
  expect(ok.filter((c) => c.name === 'fsync' && c.pid === mainPid)).toEqual([]);
  return { syncfs, renames, fsyncs: ok.filter((c) => c.name === 'fsync' && c.path.startsWith(root)) };
}

describe.each([
  { mode: 'one syncfs per phase', options: {} },
  { mode: 'an fsync per file', options: { fileSystemFlush: false } },
])('blob store batch (bulk ingest) with $mode', ({ options }) => {
  it('makes its blobs visible only at commit, deduplicated, and abort removes what it wrote', async () => {
    const root = fresh();
    const blobs = createFileBlobStore(root, undefined, options);
    const earlier = await blobs.put(Buffer.from('schon da'));
    const batch = blobs.batch();
    const contents = ['Blatt 1', 'Blatt 2', 'Blatt 1', 'schon da'].map((t) => Buffer.from(t));
    const refs = [
      await batch.put(contents[0]!),
      await batch.putStream(Readable.from([contents[1]!])),
      await batch.put(contents[2]!),
      await batch.put(contents[3]!),
    ];
    expect(refs.map((r) => r.hash)).toEqual(contents.map(sha256));
    expect(refs.map((r) => r.size)).toEqual(contents.map((c) => c.length));
    // Contents the batch or the store already has are not written again.
    expect(filesUnder(join(root, 'tmp'))).toHaveLength(2);
    expect(await blobs.has(refs[0]!.hash)).toBe(false);
    expect(filesUnder(join(root, 'sha256'))).toHaveLength(1);
    await batch.commit();
    expect(filesUnder(join(root, 'sha256'))).toHaveLength(3);
    expect(filesUnder(join(root, 'tmp'))).toHaveLength(0);
    for (const [i, ref] of refs.entries()) expect((await blobs.read(ref.hash)).equals(contents[i]!)).toBe(true);
    expect(await blobs.verify(earlier.hash)).toEqual(earlier);

    const dropped = blobs.batch();
    const ref = await dropped.put(Buffer.from('verworfen'));
    await dropped.abort();
    expect(await blobs.has(ref.hash)).toBe(false);
    expect(filesUnder(join(root, 'tmp'))).toHaveLength(0);
  });
});

describe('blob store batch durability', () => {
  it('fsyncing per file, keeps a bounded number of files open however many blobs a batch gets ahead of their fsyncs', async () => {
    const root = fresh();
    const blobs = createFileBlobStore(root, undefined, { fileSystemFlush: false });
    const batch = blobs.batch();
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    let most = 0;
    for (let i = 0; i < 3000; i++) {
      await batch.put(Buffer.from(`Blatt ${i}`));
      most = Math.max(most, openFiles() - before);
    }
    await batch.commit();
    expect(most).toBeLessThanOrEqual(BATCH_OPEN_FILES + 8); // a few for the pool's own work
    expect(filesUnder(join(root, 'sha256'))).toHaveLength(3000);
  });

  it('Linux ≥ 5.8: one syncfs after every temp file is written and before the first rename, one after the last rename before commit() resolves', async () => {
    expect(fileSystemFlushReportsErrors).toBe(process.platform === 'linux'); // this machine's kernel is newer
    const root = fresh();
    const traced = await tracedBatch(root, '{}');
    const { syncfs, renames, fsyncs } = expectDurableOrder(traced, root);
    expect(fsyncs).toEqual([]);
    expect(syncfs).toHaveLength(2);
    expect(syncfs[0]!.end).toBeLessThan(renames[0]!.at);
    expect(syncfs[1]!.at).toBeGreaterThan(renames.at(-1)!.end);
    expect(syncfs[1]!.end).toBeLessThan(traced.resolvedAt);
  });

  it('falls back to an fsync per file and folder when `sync -f` fails', async () => {
    const root = fresh();
    const bin = fresh();
    writeFileSync(join(bin, 'sync'), '#!/bin/sh\necho "sync: error syncing" >&2\nexit 1\n', { mode: 0o755 });
    const traced = await tracedBatch(root, '{}', ['-E', `PATH=${bin}`]);
    expect(traced.calls.filter((c) => c.name === 'execve' && c.path === join(bin, 'sync') && c.ok)).toHaveLength(2);
    const { syncfs, fsyncs } = expectDurableOrder(traced, root);
    expect(syncfs).toEqual([]);
    expect(fsyncs.length).toBeGreaterThan(20);
  });

  it('fsyncs each file while the batch fills where syncfs is not used (Windows, macOS, older Linux)', async () => {
    const root = fresh();
    const traced = await tracedBatch(root, '{ fileSystemFlush: false }');
    const { syncfs } = expectDurableOrder(traced, root);
    expect(syncfs).toEqual([]);
    expect(traced.calls.filter((c) => c.name === 'execve' && c.path !== process.execPath)).toEqual([]);
  });

  it('leaves only whole blobs under their names when killed during commit', async () => {
    const root = fresh();
    const script = `
      import { createFileBlobStore } from ${JSON.stringify(join(import.meta.dirname, 'blob-store.ts'))};
      const batch = createFileBlobStore(${JSON.stringify(root)}).batch();
      for (let i = 0; i < 400; i++) {
        const page = Buffer.alloc(64 * 1024, 7);
        page.writeUInt32BE(i);
        await batch.put(page);
      }
      process.stdout.write('committing\\n');
      await batch.commit();
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('committing') && resolve()));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const placed = filesUnder(join(root, 'sha256'));
    for (const file of placed) expect(sha256(readFileSync(file))).toBe(file.split('/').pop());
    // Whatever was not renamed yet is a temp file, never a blob.
    expect(placed.length + filesUnder(join(root, 'tmp')).length).toBe(400);
  });
});

/**
 * An independent reader of the sealed format written from its description with WebCrypto
 * (HKDF-SHA-256 → AES-256-GCM per 64 KiB segment, nonce = index ‖ last-flag), not with blob-cipher.ts.
 */
async function openWithWebCrypto(key: Buffer, file: Buffer): Promise<Buffer> {
  expect(file.subarray(0, 8).toString()).toBe('EAKTEBL1');
  const salt = file.subarray(8, 24);
  const ikm = await webcrypto.subtle.importKey('raw', key, 'HKDF', false, ['deriveKey']);
  const k = await webcrypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: Buffer.from('eakte blob v1') },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  const sealed = 65536 + 16;
  const body = file.subarray(24);
  const count = Math.ceil(body.length / sealed);
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const iv = Buffer.alloc(12);
    iv.writeUInt32BE(i, 7);
    iv[11] = i === count - 1 ? 1 : 0;
    out.push(Buffer.from(await webcrypto.subtle.decrypt({ name: 'AES-GCM', iv }, k, body.subarray(i * sealed, (i + 1) * sealed))));
  }
  return Buffer.concat(out);
}

describe('encrypted blob store', () => {
  const key = randomBytes(32);
  // Sizes around the segment boundary: empty, one byte, exactly one and two segments, a ragged tail.
  const samples = [0, 1, 65536, 131072, 200_003].map((n) => {
    const b = randomBytes(n);
    b.write('Vollstreckungsschuldner Erika Mustermann', 0);
    return b.subarray(0, n);
  });

  it('keeps the plaintext SHA-256 as the name, stores no plaintext and reads back verified', async () => {
    const root = fresh();
    const blobs = createFileBlobStore(root, key);
    for (const bytes of samples) {
      const ref = await blobs.put(bytes);
      expect(ref).toEqual({ hash: sha256(bytes), size: bytes.length });
      // Dedup works on the content address, also when the same content arrives as a stream.
      expect(await blobs.putStream(Readable.from([bytes.subarray(0, 7), bytes.subarray(7)]))).toEqual(ref);
      expect((await blobs.read(ref.hash)).equals(bytes)).toBe(true);
      expect(await blobs.verify(ref.hash)).toEqual(ref);
      const onDisk = readFileSync(blobs.pathOf(ref.hash));
      expect(onDisk.length).toBe(24 + bytes.length + 16 * Math.max(1, Math.ceil(bytes.length / 65536)));
      expect((await openWithWebCrypto(key, onDisk)).equals(bytes)).toBe(true);
    }
    expect(filesUnder(join(root, 'sha256'))).toHaveLength(samples.length);
    for (const f of filesUnder(join(root, 'sha256'))) expect(readFileSync(f).includes('Mustermann')).toBe(false);
  });

  it('reads any byte range across segment boundaries and streams the plaintext', async () => {
    const blobs = createFileBlobStore(fresh(), key);
    const bytes = samples[4]!;
    const { hash } = await blobs.put(bytes);
    for (const [offset, length] of [[0, 10], [65530, 20], [65536, 65536], [131000, 100_000], [199_990, 50], [300_000, 5]] as const) {
      expect((await blobs.readRange(hash, offset, length)).equals(bytes.subarray(offset, offset + length))).toBe(true);
    }
    const streamed: Buffer[] = [];
    for await (const chunk of blobs.stream(hash)) streamed.push(chunk as Buffer);
    expect(Buffer.concat(streamed).equals(bytes)).toBe(true);
  });

  it('refuses changed, cut-off and swapped files, a wrong key and a missing key', async () => {
    const root = fresh();
    const blobs = createFileBlobStore(root, key);
    const a = await blobs.put(samples[4]!);
    const b = await blobs.put(samples[2]!);
    const file = blobs.pathOf(a.hash);
    const original = readFileSync(file);

    const flipped = Buffer.from(original);
    flipped[100_000] = flipped[100_000]! ^ 1;
    writeFileSync(file, flipped);
    expect(await codeOf(blobs.read(a.hash))).toBe('store.blob_hash_mismatch');
    expect(await codeOf(blobs.readRange(a.hash, 70_000, 10))).toBe('store.blob_hash_mismatch');

    // Dropping the last segment leaves a well-formed prefix; the last-segment flag catches it.
    writeFileSync(file, original);
    truncateSync(file, 24 + 2 * (65536 + 16));
    expect(await codeOf(blobs.verify(a.hash))).toBe('store.blob_hash_mismatch');

    writeFileSync(file, readFileSync(blobs.pathOf(b.hash)));
    expect(await codeOf(blobs.read(a.hash))).toBe('store.blob_hash_mismatch');

    writeFileSync(file, original);
    expect(await codeOf(createFileBlobStore(root, randomBytes(32)).read(a.hash))).toBe('store.blob_hash_mismatch');
    expect(await codeOf(createFileBlobStore(root).read(a.hash))).toBe('keys.unavailable');
    expect((await blobs.read(a.hash)).equals(samples[4]!)).toBe(true);
  });

  it('seals an existing plain blob in place and still reads plain ones', async () => {
    const root = fresh();
    const plain = await createFileBlobStore(root).put(samples[3]!);
    const blobs = createFileBlobStore(root, key);
    expect((await blobs.read(plain.hash)).equals(samples[3]!)).toBe(true);
    expect(await blobs.seal(plain.hash)).toBe(true);
    expect(await blobs.seal(plain.hash)).toBe(false);
    expect((await openWithWebCrypto(key, readFileSync(blobs.pathOf(plain.hash)))).equals(samples[3]!)).toBe(true);
  });
});

describe('blob copy (archive packages)', () => {
  const key = randomBytes(32);
  const bytes = Buffer.concat([randomBytes(150_000), Buffer.from('Bauakte Mustermann')]);

  it('copies a plain blob byte for byte, owner-only, never over an existing file', async () => {
    const blobs = createFileBlobStore(fresh());
    const { hash } = await blobs.put(bytes);
    const out = fresh();
    await blobs.copyTo(hash, join(out, 'copy'));
    expect(readFileSync(join(out, 'copy')).equals(bytes)).toBe(true);
    expect(statSync(join(out, 'copy')).mode & 0o777).toBe(0o600);
    writeFileSync(join(out, 'other'), 'schon da');
    expect(await codeOf(blobs.copyTo(hash, join(out, 'other')))).toMatch(/EEXIST/);
    expect(readFileSync(join(out, 'other'), 'utf8')).toBe('schon da');
    expect(await codeOf(blobs.copyTo('a'.repeat(64), join(out, 'missing')))).toBe('store.blob_missing');
    expect(readdirSync(out).sort()).toEqual(['copy', 'other']);
  });

  it('decrypts a sealed blob on the way and leaves nothing when it fails its check or the key is missing', async () => {
    const root = fresh();
    const plain = await createFileBlobStore(root).put(Buffer.from('noch unverschlüsselt'));
    const blobs = createFileBlobStore(root, key);
    const { hash } = await blobs.put(bytes);
    const out = fresh();
    await blobs.copyTo(hash, join(out, 'sealed'));
    await blobs.copyTo(plain.hash, join(out, 'plain'));
    expect(readFileSync(join(out, 'sealed')).equals(bytes)).toBe(true);
    expect(readFileSync(join(out, 'plain'), 'utf8')).toBe('noch unverschlüsselt');
    expect(await codeOf(createFileBlobStore(root).copyTo(hash, join(out, 'no-key')))).toBe('keys.unavailable');
    const file = blobs.pathOf(hash);
    const flipped = readFileSync(file);
    flipped[100_000] = flipped[100_000]! ^ 1;
    writeFileSync(file, flipped);
    expect(await codeOf(blobs.copyTo(hash, join(out, 'changed')))).toBe('store.blob_hash_mismatch');
    expect(readdirSync(out).sort()).toEqual(['plain', 'sealed']);
  });

  it('copies a plain blob inside the kernel without reading its bytes into the process (strace)', async () => {
    const root = fresh();
    const blobs = createFileBlobStore(root);
    const { hash } = await blobs.put(bytes);
    const dest = join(fresh(), 'copy');
    const script = `
      import { createFileBlobStore } from ${JSON.stringify(join(import.meta.dirname, 'blob-store.ts'))};
      await createFileBlobStore(${JSON.stringify(root)}).copyTo(${JSON.stringify(hash)}, ${JSON.stringify(dest)});
    `;
    const traces = fresh();
    // One trace file per thread (-ff: no interleaved halves), descriptors shown with their paths (-y).
    const child = spawn(
      'strace',
      ['-ff', '-y', '-qq', '-o', join(traces, 't'), '-e', 'trace=read,pread64,readv,preadv,copy_file_range,sendfile,ioctl', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script],
      { stdio: 'inherit' },
    );
    expect(await new Promise((r) => child.on('exit', r))).toBe(0);
    expect(readFileSync(dest).equals(bytes)).toBe(true);
    const onBlob = readdirSync(traces)
      .flatMap((f) => readFileSync(join(traces, f), 'utf8').split('\n'))
      .filter((l) => l.includes(`<${blobs.pathOf(hash)}>`));
    // The plain-or-sealed probe reads 8 bytes; the content itself never passes through the process.
    const reads = onBlob.filter((l) => /^p?read(64|v)?\(/.test(l)).map((l) => Number(/= (-?\d+)$/.exec(l)?.[1]));
    expect(reads.length).toBeGreaterThan(0);
    expect(Math.max(...reads)).toBeLessThanOrEqual(8);
    expect(onBlob.some((l) => /^(copy_file_range|sendfile)\(.* = [1-9]\d*$/.test(l) || /^ioctl\(.*FICLONE.* = 0$/.test(l))).toBe(true);
  });
});
