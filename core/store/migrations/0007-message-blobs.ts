import { runScript, type Migration } from './types';

/**
 * Large outgoing messages (the 0503 of a whole Amt runs to tens of MB) are written as a stream into the
 * content-addressed blob store instead of a TEXT column, so exporting keeps constant memory. The row's
 * sha256 is then the blob's address and `xml` stays empty.
 */
export const m0007: Migration = {
  version: 7,
  name: 'message-blobs',
  up: (tx) =>
    runScript(
      tx,
      `
ALTER TABLE aussonderung_message ADD COLUMN stored_as TEXT NOT NULL DEFAULT 'inline' CHECK (stored_as IN ('inline', 'blob'));
`,
    ),
};
