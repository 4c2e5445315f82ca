import { insertRows } from '../../core/store/insert-rows';
import type { Store } from '../../core/store/store';
import type { PdfaVerdict } from './formats';

/** Hashes per look-up (SQLite allows 32,766 parameters) and new verdicts per write transaction. */
const CHUNK = 500;

interface VerdictRow {
  sha256: string;
  conforming: number;
  version: string | null;
  problems: string;
}

const problemsOf = (json: string): string[] | null => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) && value.every((p) => typeof p === 'string') ? value : null;
  } catch {
    return null;
  }
};

/**
 * Preflight verdicts of stored files by content hash (table pdfa_verdict), so a file checked in an earlier
 * or failed export is not parsed again. A verdict counts only for the checker revision that gave it and
 * for exactly the bytes it was given for: the content hash is verified when the file is read.
 */
export class VerdictCache {
  private readonly known = new Map<string, PdfaVerdict>();
  private fresh: { sha256: string; verdict: PdfaVerdict }[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly checker: string,
    private readonly now: () => Date,
  ) {}

  /** Looks up what is stored for these contents, in a few queries for a whole export. */
  async load(hashes: readonly string[]): Promise<void> {
    const wanted = [...new Set(hashes)];
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const part = wanted.slice(i, i + CHUNK);
      const rows = await this.store.reader.all<VerdictRow>(
        `SELECT sha256, conforming, version, problems FROM pdfa_verdict WHERE checker = ? AND sha256 IN (${part.map(() => '?').join(',')})`,
        [this.checker, ...part],
      );
      for (const row of rows) {
        const problems = problemsOf(row.problems);
        // A row that does not read back is checked afresh and overwritten.
        if (problems) this.known.set(row.sha256, { conforming: row.conforming === 1, version: row.version, problems });
      }
    }
  }

  get(sha256: string): PdfaVerdict | undefined {
    return this.known.get(sha256);
  }

  /**
   * Keeps a new verdict for later exports. They are written a batch at a time in the background (the
   * export does not wait for the database), so an export adds a few transactions, not one per file. Not
   * kept in memory: the export checks equal content once anyway, and 20,000 verdicts held to the end grew
   * its heap with every file.
   */
  remember(sha256: string, verdict: PdfaVerdict): void {
    this.fresh.push({ sha256, verdict });
    if (this.fresh.length >= CHUNK) this.writeFresh();
  }

  /** Writes what is left and waits for every write; rejects when one failed (the verdicts are then only lost). */
  async flush(): Promise<void> {
    this.writeFresh();
    await this.writing;
  }

  private writeFresh(): void {
    const rows = this.fresh;
    this.fresh = [];
    if (rows.length === 0) return;
    this.writing = this.writing.then(() => this.write(rows));
    this.writing.catch(() => undefined); // reported by flush(), not as unhandled meanwhile
  }

  private async write(rows: readonly { sha256: string; verdict: PdfaVerdict }[]): Promise<void> {
    const at = this.now().toISOString();
    await this.store.write((tx) =>
      insertRows(
        tx,
        'INSERT OR REPLACE INTO pdfa_verdict (sha256, checker, conforming, version, problems, checked_at)',
        rows.map(({ sha256, verdict }) => [sha256, this.checker, verdict.conforming ? 1 : 0, verdict.version, JSON.stringify(verdict.problems), at]),
      ),
    );
  }
}
