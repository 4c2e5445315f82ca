import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { ObjectRow, ObjectSink } from '../receive';

/**
 * The report's rows in a file (one JSON line each) between the receive and the register's transaction,
 * which may only start once the blobs are durable: a 0503 of 20,000 files never holds its rows in memory.
 */
export interface RowSpool {
  readonly sink: ObjectSink;
  /** All rows written are on disk. */
  close(): Promise<void>;
  /** The rows in the order they were written; can be read more than once. */
  rows(): AsyncIterable<ObjectRow>;
}

export async function rowSpool(file: string): Promise<RowSpool> {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const done = finished(out);
  done.catch(() => undefined); // surfaced by close()
  // Rows come from several objects' checks at once; they all wait for the same drain.
  let drained: Promise<unknown> | undefined;
  return {
    async sink(row) {
      if (out.write(`${JSON.stringify(row)}\n`)) return;
      drained ??= Promise.race([once(out, 'drain'), done]).finally(() => (drained = undefined));
      await drained;
    },
    async close() {
      out.end();
      await done;
    },
    async *rows() {
      const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
      for await (const line of lines) if (line) yield JSON.parse(line) as ObjectRow;
    },
  };
}
