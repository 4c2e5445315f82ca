/**
 * Reads files in the order they will be used, a few ahead of their consumer. Each read from the blob
 * store is several round trips through the thread pool (open, header, stat, read, close); one at a time,
 * an export of 20,000 small files mostly waited for them. Reads ahead are bounded by count and bytes, so
 * memory stays that of a handful of files.
 */
export class ReadAhead<T> {
  private readonly pending: { promise: Promise<Buffer>; size: number }[] = [];
  private started = 0;
  private bytesAhead = 0;

  constructor(
    private readonly items: readonly T[],
    private readonly read: (item: T) => Promise<Buffer>,
    private readonly limits: { readonly depth: number; readonly maxBytes: number; readonly sizeOf: (item: T) => number },
  ) {}

  /** The next item's bytes, in the order of `items`. */
  async next(): Promise<Buffer> {
    this.fill();
    const head = this.pending.shift();
    if (!head) throw new Error('read-ahead past its last item');
    try {
      return await head.promise;
    } finally {
      this.bytesAhead -= head.size;
      this.fill();
    }
  }

  private fill(): void {
    while (this.started < this.items.length && this.pending.length < this.limits.depth) {
      const item = this.items[this.started]!;
      const size = this.limits.sizeOf(item);
      // One read is always allowed, however large; more only while the bytes held ahead stay bounded.
      if (this.pending.length > 0 && this.bytesAhead + size > this.limits.maxBytes) return;
      const promise = this.read(item);
      promise.catch(() => undefined); // a failed read ahead surfaces when its turn comes, not as unhandled
      this.pending.push({ promise, size });
      this.bytesAhead += size;
      this.started++;
    }
  }
}
