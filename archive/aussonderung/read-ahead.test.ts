import { describe, expect, it } from 'vitest';
import { ReadAhead } from './read-ahead';

/** Reads that finish only when the test says so, recording what was asked for and when. */
function controlledReads() {
  const started: number[] = [];
  const finish = new Map<number, (b: Buffer) => void>();
  const read = (n: number) =>
    new Promise<Buffer>((resolve) => {
      started.push(n);
      finish.set(n, resolve);
    });
  return { started, read, done: (n: number) => finish.get(n)!(Buffer.from([n])) };
}

describe('ReadAhead', () => {
  it('hands out files in order while at most `depth` reads run ahead', async () => {
    const { started, read, done } = controlledReads();
    const ahead = new ReadAhead([0, 1, 2, 3, 4], read, { depth: 2, maxBytes: 1000, sizeOf: () => 1 });
    const first = ahead.next();
    expect(started).toEqual([0, 1]);
    done(1);
    done(0);
    expect([...(await first)]).toEqual([0]);
    expect(started).toEqual([0, 1, 2]);
    expect([...(await ahead.next())]).toEqual([1]);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('holds back while the bytes ahead would pass the bound, but always reads the next file', async () => {
    const { started, read, done } = controlledReads();
    const sizes = [60, 60, 10, 500];
    const ahead = new ReadAhead([0, 1, 2, 3], read, { depth: 8, maxBytes: 100, sizeOf: (n) => sizes[n]! });
    const first = ahead.next();
    expect(started).toEqual([0]);
    done(0);
    await first;
    expect(started).toEqual([0, 1, 2]);
    done(1);
    done(2);
    await ahead.next();
    await ahead.next();
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('reports a failed read when its turn comes, not earlier', async () => {
    const reads = [Promise.resolve(Buffer.from('a')), Promise.reject(new Error('Blob beschädigt'))];
    const ahead = new ReadAhead([0, 1], (n) => reads[n]!, { depth: 4, maxBytes: 100, sizeOf: () => 1 });
    expect((await ahead.next()).toString()).toBe('a');
    await expect(ahead.next()).rejects.toThrow('Blob beschädigt');
    await expect(ahead.next()).rejects.toThrow('past its last item');
  });
});
