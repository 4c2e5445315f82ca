import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** Prints rows as an aligned table and writes the result object to bench/results/<name>.json. */
export function report(name: string, rows: Record<string, string | number>[], result: unknown): void {
  if (rows.length) {
    const cols = Object.keys(rows[0]!);
    const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join('  ');
    console.log(line(cols));
    for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
  }
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ at: new Date().toISOString(), ...(result as object) }, null, 2) + '\n');
}
