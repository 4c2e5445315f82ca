import { runScript, type Migration } from './types';

/**
 * Sync with the central DMS: retry schedule and outcome per outbox operation, the pull position (change
 * token), the remote identity and last seen change token per object, conflicts waiting for the clerk, and
 * chunked upload sessions that survive a restart.
 */
export const m0004: Migration = {
  version: 4,
  name: 'sync',
  up: (tx) =>
    runScript(
      tx,
      `
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
-- How a finished operation ended: applied, already_applied (a replay the server had seen), superseded
-- (the object was gone locally), discarded (the clerk kept the DMS side of a conflict).
ALTER TABLE outbox ADD COLUMN outcome TEXT;
ALTER TABLE outbox ADD COLUMN done_at TEXT;
CREATE INDEX outbox_object ON outbox(object_uuid, state, id);

-- One row: where pull stands and how the last attempt went.
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  repository_id TEXT,
  change_token TEXT,
  online INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
  last_attempt_at TEXT,
  last_success_at TEXT,
  last_error_code TEXT,
  last_error_params TEXT,
  last_error_at TEXT,
  next_retry_at TEXT
);
INSERT INTO sync_state (id) VALUES (1);

-- Local object ↔ DMS object. remote_id is the folder's objectId or the document's versionSeriesId.
CREATE TABLE sync_object (
  object_uuid TEXT PRIMARY KEY,
  object_type TEXT NOT NULL CHECK (object_type IN ('akte', 'vorgang', 'document')),
  remote_id TEXT NOT NULL UNIQUE,
  remote_change_token TEXT,
  remote_version_id TEXT,
  synced_at TEXT NOT NULL
);

-- Both sides changed the same object: nothing is applied until the clerk decides.
CREATE TABLE sync_conflict (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  object_type TEXT NOT NULL,
  object_uuid TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('edit_edit', 'local_edit_remote_delete', 'local_delete_remote_edit')),
  local_state TEXT NOT NULL,
  remote_state TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  resolved_at TEXT,
  resolution TEXT CHECK (resolution IN ('keep_local', 'keep_remote', 'keep_both')),
  resolved_by TEXT,
  CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE UNIQUE INDEX sync_conflict_open ON sync_conflict(object_uuid) WHERE resolved_at IS NULL;

-- A content upload in progress: the private working copy it goes to and how far it got.
CREATE TABLE sync_upload (
  op_id TEXT PRIMARY KEY REFERENCES outbox(op_id),
  pwc_id TEXT NOT NULL,
  phase TEXT NOT NULL CHECK (phase IN ('checked_out', 'uploading')),
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  bytes_sent INTEGER NOT NULL DEFAULT 0,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
    ),
};
