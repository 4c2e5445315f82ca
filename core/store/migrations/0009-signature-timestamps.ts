import { runScript, type Migration } from './types';

/**
 * Signing (issue 7): signatures made while the timestamp authority was unreachable wait here for their
 * timestamp (PAdES B-B → B-T). The upgrade writes a new document version; the row keeps which version
 * was signed and which one got the timestamp, or why it could not.
 */
export const m0009: Migration = {
  version: 9,
  name: 'signature-timestamps',
  up: (tx) =>
    runScript(
      tx,
      `
CREATE TABLE sign_timestamp_queue (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id),
  version_id INTEGER NOT NULL REFERENCES document_version(id),
  field_name TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_attempt_at TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  result_version_id INTEGER REFERENCES document_version(id)
);
CREATE INDEX sign_timestamp_queue_pending ON sign_timestamp_queue(state, id);
`,
    ),
};
