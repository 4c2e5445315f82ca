import { runScript, type Migration } from './types';

/**
 * Clerk workspace (issue 6): saved searches per user (query + filters as JSON) and Mitzeichnung
 * requests on a document from one clerk to another of the same Amt, with the decision and its comment.
 */
export const m0008: Migration = {
  version: 8,
  name: 'workspace',
  up: (tx) =>
    runScript(
      tx,
      `
CREATE TABLE saved_search (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  filters TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (user_id, name)
);

CREATE TABLE mitzeichnung (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  document_id INTEGER NOT NULL REFERENCES document(id),
  amt_id TEXT NOT NULL REFERENCES amt(id),
  requested_by INTEGER NOT NULL REFERENCES app_user(id),
  addressee_id INTEGER NOT NULL REFERENCES app_user(id),
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'offen' CHECK (status IN ('offen', 'mitgezeichnet', 'abgelehnt')),
  comment TEXT,
  created_at TEXT NOT NULL,
  decided_at TEXT,
  CHECK ((status = 'offen') = (decided_at IS NULL))
);
CREATE INDEX mitzeichnung_addressee ON mitzeichnung(addressee_id, status);
CREATE INDEX mitzeichnung_document ON mitzeichnung(document_id);
`,
    ),
};
