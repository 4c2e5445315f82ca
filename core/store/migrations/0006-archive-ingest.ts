import { runScript, type Migration } from './types';

/**
 * Archive ingest (issue 9), the Stadtarchiv's register: every 0503 received (also the refused ones) with
 * its per-object report, the primary files and the original message kept as blobs, the archive's own 0502
 * per ProzessID for the appraisal comparison, the 0507/0506 sent back, the submission packages written
 * with the SHA-256 of every file, and every fixity run with its results. Receipts, their files and
 * objects, confirmations and fixity runs are evidence and append-only like the audit log. The blob foreign
 * keys keep an office-side deletion from removing a file the archive holds when both share a data folder.
 */
export const m0006: Migration = {
  version: 6,
  name: 'archive-ingest',
  up: (tx) =>
    runScript(
      tx,
      `
CREATE TABLE archiv_receipt (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  prozess_id TEXT,
  source_name TEXT NOT NULL,
  xdomea_version TEXT,
  status TEXT NOT NULL CHECK (status IN ('ok', 'warning', 'error')),
  refused_code TEXT,
  message_entry TEXT,
  message_sha256 TEXT REFERENCES blob(hash),
  report TEXT NOT NULL,
  received_at TEXT NOT NULL,
  received_by TEXT NOT NULL
);
CREATE INDEX archiv_receipt_prozess ON archiv_receipt(prozess_id, id);

CREATE TABLE archiv_receipt_file (
  receipt_id INTEGER NOT NULL REFERENCES archiv_receipt(id),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blob(hash),
  size INTEGER NOT NULL,
  puid TEXT,
  PRIMARY KEY (receipt_id, file_name)
);

CREATE TABLE archiv_object (
  receipt_id INTEGER NOT NULL REFERENCES archiv_receipt(id),
  position INTEGER NOT NULL,
  xdomea_uuid TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('akte', 'vorgang', 'dokument')),
  status TEXT NOT NULL CHECK (status IN ('ok', 'warning', 'error')),
  PRIMARY KEY (receipt_id, position)
);
CREATE INDEX archiv_object_uuid ON archiv_object(xdomea_uuid);

CREATE TABLE archiv_appraisal (
  prozess_id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  xml TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);

CREATE TABLE archiv_confirmation (
  receipt_id INTEGER NOT NULL REFERENCES archiv_receipt(id),
  type TEXT NOT NULL CHECK (type IN ('0506', '0507')),
  accepted INTEGER NOT NULL CHECK (accepted IN (0, 1)),
  sha256 TEXT NOT NULL,
  xml TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (receipt_id, type)
);

CREATE TABLE archiv_submission (
  id INTEGER PRIMARY KEY,
  receipt_id INTEGER NOT NULL REFERENCES archiv_receipt(id),
  target TEXT NOT NULL,
  path TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (receipt_id, target)
);

CREATE TABLE archiv_submission_file (
  submission_id INTEGER NOT NULL REFERENCES archiv_submission(id),
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (submission_id, path)
);

CREATE TABLE archiv_fixity_run (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  run_by TEXT NOT NULL,
  packages INTEGER NOT NULL,
  files INTEGER NOT NULL,
  changed_packages INTEGER NOT NULL
);

CREATE TABLE archiv_fixity_result (
  run_id INTEGER NOT NULL REFERENCES archiv_fixity_run(id),
  submission_id INTEGER NOT NULL REFERENCES archiv_submission(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'changed', 'missing')),
  changes TEXT NOT NULL,
  PRIMARY KEY (run_id, submission_id)
);

CREATE TRIGGER archiv_receipt_no_update BEFORE UPDATE ON archiv_receipt BEGIN
  SELECT RAISE(ABORT, 'archiv_receipt is append-only');
END;
CREATE TRIGGER archiv_receipt_no_delete BEFORE DELETE ON archiv_receipt BEGIN
  SELECT RAISE(ABORT, 'archiv_receipt is append-only');
END;
CREATE TRIGGER archiv_receipt_file_no_update BEFORE UPDATE ON archiv_receipt_file BEGIN
  SELECT RAISE(ABORT, 'archiv_receipt_file is append-only');
END;
CREATE TRIGGER archiv_receipt_file_no_delete BEFORE DELETE ON archiv_receipt_file BEGIN
  SELECT RAISE(ABORT, 'archiv_receipt_file is append-only');
END;
CREATE TRIGGER archiv_object_no_update BEFORE UPDATE ON archiv_object BEGIN
  SELECT RAISE(ABORT, 'archiv_object is append-only');
END;
CREATE TRIGGER archiv_object_no_delete BEFORE DELETE ON archiv_object BEGIN
  SELECT RAISE(ABORT, 'archiv_object is append-only');
END;
CREATE TRIGGER archiv_confirmation_no_update BEFORE UPDATE ON archiv_confirmation BEGIN
  SELECT RAISE(ABORT, 'archiv_confirmation is append-only');
END;
CREATE TRIGGER archiv_confirmation_no_delete BEFORE DELETE ON archiv_confirmation BEGIN
  SELECT RAISE(ABORT, 'archiv_confirmation is append-only');
END;
CREATE TRIGGER archiv_submission_file_no_update BEFORE UPDATE ON archiv_submission_file BEGIN
  SELECT RAISE(ABORT, 'archiv_submission_file is append-only');
END;
CREATE TRIGGER archiv_submission_file_no_delete BEFORE DELETE ON archiv_submission_file BEGIN
  SELECT RAISE(ABORT, 'archiv_submission_file is append-only');
END;
CREATE TRIGGER archiv_fixity_run_no_update BEFORE UPDATE ON archiv_fixity_run BEGIN
  SELECT RAISE(ABORT, 'archiv_fixity_run is append-only');
END;
CREATE TRIGGER archiv_fixity_run_no_delete BEFORE DELETE ON archiv_fixity_run BEGIN
  SELECT RAISE(ABORT, 'archiv_fixity_run is append-only');
END;
CREATE TRIGGER archiv_fixity_result_no_update BEFORE UPDATE ON archiv_fixity_result BEGIN
  SELECT RAISE(ABORT, 'archiv_fixity_result is append-only');
END;
CREATE TRIGGER archiv_fixity_result_no_delete BEFORE DELETE ON archiv_fixity_result BEGIN
  SELECT RAISE(ABORT, 'archiv_fixity_result is append-only');
END;
`,
    ),
};
