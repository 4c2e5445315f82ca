import { runScript, type Migration } from './types';

/**
 * Classification (issue 5): one learned model per Amt (bytes in the format of `serializeAmtModel`),
 * the filing outcomes per Amt that decide auto-filing (never per person: no user column), and the
 * stored proposal of each Posteingang document (top-3 with confidence and reasons, references with
 * their positions) as JSON.
 */
export const m0005: Migration = {
  version: 5,
  name: 'classification',
  up: (tx) =>
    runScript(
      tx,
      `
CREATE TABLE classify_model (
  amt_id TEXT PRIMARY KEY REFERENCES amt(id),
  format_version INTEGER NOT NULL,
  model BLOB NOT NULL,
  examples INTEGER NOT NULL,
  trained_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE classify_outcome (
  id INTEGER PRIMARY KEY,
  amt_id TEXT NOT NULL REFERENCES amt(id),
  document_uuid TEXT NOT NULL,
  decided_by TEXT NOT NULL CHECK (decided_by IN ('reference', 'model', 'none')),
  proposed_label TEXT,
  chosen_label TEXT NOT NULL,
  confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
  recorded_at TEXT NOT NULL
);
CREATE INDEX classify_outcome_amt ON classify_outcome(amt_id, id);

CREATE TABLE classify_proposal (
  document_id INTEGER PRIMARY KEY REFERENCES document(id),
  amt_id TEXT NOT NULL REFERENCES amt(id),
  proposal TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`,
    ),
};
