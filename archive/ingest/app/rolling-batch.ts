import type { BlobBatch, BlobRef, BlobStore } from '../../../core/store/blobs/blob-store';

/**
 * The blob batches of one receive, `perBatch` files each. Once the package is cleared (`clear()`: the
 * message is schema-valid and the virus scan found nothing), every full batch is committed while the next
 * one fills: its fsyncs, renames and folder fsyncs overlap the reading of the next files instead of all
 * coming after the last one, and no batch's list of pending files grows with the package. Until then full
 * batches wait uncommitted, so a refused or infected package leaves no blob behind. A committed batch stays
 * committed: its blobs are unreferenced until the register's transaction names them (as after any failure
 * before it), never half-written.
 */
export interface RollingBatch {
  put(bytes: Uint8Array): Promise<BlobRef>;
  putStream(source: AsyncIterable<Uint8Array>): Promise<BlobRef>;
  clear(): void;
  /** Commits the rest and waits for every commit: afterwards all blobs put are durable in the store. */
  commit(): Promise<void>;
  /** Drops what is not committed yet (after the commits already running have ended). */
  abort(): Promise<void>;
}

interface Filling {
  readonly batch: BlobBatch;
  /** Puts still writing into the batch: its commit must not start before they are in its list. */
  readonly puts: Promise<unknown>[];
}

export function rollingBatch(store: BlobStore, perBatch: number): RollingBatch {
  const open = (): Filling => ({ batch: store.batch(), puts: [] });
  let current = open();
  const full: Filling[] = [];
  const uncommitted = new Set<BlobBatch>([current.batch]);
  let cleared = false;
  // One commit at a time, in order; a failure stops the chain and surfaces in commit().
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (filling: Filling) => {
    chain = chain.then(async () => {
      await Promise.allSettled(filling.puts);
      await filling.batch.commit();
      uncommitted.delete(filling.batch);
    });
    chain.catch(() => undefined); // surfaced by commit() or ignored by abort()
  };
  const track = (put: Promise<BlobRef>): Promise<BlobRef> => {
    current.puts.push(put);
    if (current.puts.length >= perBatch) {
      full.push(current);
      current = open();
      uncommitted.add(current.batch);
      if (cleared) full.splice(0).forEach(enqueue);
    }
    return put;
  };
  const settleAll = async () => {
    await chain.catch(() => undefined);
    await Promise.allSettled([...full, current].flatMap((f) => f.puts));
  };
  return {
    put: (bytes) => track(current.batch.put(bytes)),
    putStream: (source) => track(current.batch.putStream(source)),
    clear() {
      cleared = true;
      full.splice(0).forEach(enqueue);
    },
    async commit() {
      full.splice(0).forEach(enqueue);
      enqueue(current);
      current = open();
      try {
        await chain;
      } catch (error) {
        await this.abort();
        throw error;
      }
    },
    async abort() {
      await settleAll();
      const left = [...uncommitted];
      uncommitted.clear();
      await Promise.all(left.map((b) => b.abort()));
    },
  };
}
