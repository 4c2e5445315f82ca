import { runScript, type Migration } from './types';

/**
 * The PDF/A preflight's verdict per file content and checker revision, so a file checked once (in an
 * earlier or failed Aussonderung export) is not parsed again; a new checker revision checks afresh.
 * Keyed by content hash, not by blob: equal bytes give the same verdict, and deleting a blob leaves
 * only a harmless row (reasons are the checker's own German texts, never document content).
 */
export const m0016: Migration = {
  version: 16,
  name: 'pdfa-verdicts',
  up: (tx) =>
    runScript(
      tx,
      `
CREATE TABLE pdfa_verdict (
  sha256 TEXT NOT NULL,
  checker TEXT NOT NULL,
  conforming INTEGER NOT NULL CHECK (conforming IN (0, 1)),
  version TEXT,
  problems TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  PRIMARY KEY (sha256, checker)
) WITHOUT ROWID;
`,
    ),
};
