import { runScript, type Migration } from './types';

/**
 * Classification at intake (issue 5): a revision per Amt model so stored proposals know when they are
 * stale, the number of filings learned since the last full training (the background retrain's trigger),
 * and the documents filed automatically (one row each, with the undo when a clerk takes it back).
 */
export const m0010: Migration = {
  version: 10,
  name: 'classify-intake',
  up: (tx) =>
    runScript(
      tx,
      `
ALTER TABLE classify_model ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE classify_model ADD COLUMN learned_since_training INTEGER NOT NULL DEFAULT 0;
ALTER TABLE classify_proposal ADD COLUMN model_revision INTEGER NOT NULL DEFAULT -1;

CREATE TABLE classify_auto_filing (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id),
  amt_id TEXT NOT NULL REFERENCES amt(id),
  vorgang_uuid TEXT NOT NULL,
  confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  threshold REAL NOT NULL,
  proposal TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  undone_at TEXT
);
CREATE INDEX classify_auto_filing_amt ON classify_auto_filing(amt_id, undone_at, id);
CREATE INDEX classify_auto_filing_document ON classify_auto_filing(document_id);
`,
    ),
};
