import type { WriteTx } from './db';

/** Rows per statement: with up to 60 columns a row this stays below SQLite's 32,766 parameters. */
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts many rows with a few multi-row statements (`insert` is everything before VALUES): 20,000 rows
 * would otherwise be 20,000 round trips to SQLite's thread.
 */
export async function insertRows(tx: WriteTx, insert: string, rows: readonly (string | number | null)[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const part = rows.slice(i, i + ROWS_PER_STATEMENT);
    await tx.run(`${insert} VALUES ${part.map((row) => `(${row.map(() => '?').join(',')})`).join(',')}`, part.flat());
  }
}
