import sqlite3 from 'sqlite3';
import { AppError } from '../../contract/app-error';

export type SqlValue = string | number | bigint | null | Buffer | Uint8Array;
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

/** What every query function takes: reads on the reader connection or inside a write transaction. */
export interface Queryable {
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
}

/** Only a write transaction can change rows; query functions that write ask for this type. */
export interface WriteTx extends Queryable {
  readonly writable: true;
  run(sql: string, params?: SqlParams): Promise<{ lastID: number; changes: number }>;
}

const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

/** Maps driver errors that users can act on; everything else stays a bug. */
export function mapSqliteError(err: unknown, path: string): unknown {
  const code = (err as { code?: string } | null)?.code ?? '';
  if (CORRUPT_CODES.has(code)) return new AppError('store.corrupt', { path }, `database corrupt: ${code}`, { cause: err });
  if (code === 'SQLITE_FULL') return new AppError('store.disk_full', {}, 'database or disk is full', { cause: err });
  return err;
}

/** A promise wrapper around one sqlite3 connection. */
export class Connection implements Queryable {
  private constructor(
    private readonly db: sqlite3.Database,
    readonly path: string,
  ) {}

  static open(path: string, mode: 'readwrite' | 'readonly'): Promise<Connection> {
    const flags =
      mode === 'readonly' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, flags, (err) =>
        err ? reject(mapSqliteError(err, path)) : resolve(new Connection(db, path)),
      );
    });
  }

  run(sql: string, params: SqlParams = []): Promise<{ lastID: number; changes: number }> {
    const path = this.path;
    return new Promise((resolve, reject) => {
      this.db.run(sql, params as unknown[], function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(mapSqliteError(err, path));
        else resolve({ lastID: this.lastID, changes: this.changes });
      });
    });
  }

  get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.db.get(sql, params as unknown[], (err, row) =>
        err ? reject(mapSqliteError(err, this.path)) : resolve(row as T | undefined),
      );
    });
  }

  all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.db.all(sql, params as unknown[], (err, rows) =>
        err ? reject(mapSqliteError(err, this.path)) : resolve(rows as T[]),
      );
    });
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.exec(sql, (err) => (err ? reject(mapSqliteError(err, this.path)) : resolve()));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}

/** Serialises write transactions on one connection; sqlite allows one writer at a time anyway. */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly conn: Connection) {}

  transaction<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    const run = async () => {
      await this.conn.exec('BEGIN IMMEDIATE');
      let open = true;
      const tx: WriteTx = {
        writable: true,
        run: (sql, params) => {
          if (!open) throw new Error('write transaction already finished');
          return this.conn.run(sql, params);
        },
        get: (sql, params) => this.conn.get(sql, params),
        all: (sql, params) => this.conn.all(sql, params),
      };
      try {
        const result = await fn(tx);
        await this.conn.exec('COMMIT');
        open = false;
        return result;
      } catch (err) {
        open = false;
        await this.conn.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
