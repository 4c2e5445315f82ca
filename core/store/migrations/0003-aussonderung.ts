import { runScript, type Migration } from './types';

/**
 * Aussonderung to the city archive: one row per process (ProzessID) with the time of each step, the
 * offered Akten with the archive's decision and import result, every xdomea message sent or received
 * (xdomea 3 has one message per type and process), the per-file format report of the 0503, and the
 * Löschprotokoll. Akten are referenced by UUID, not by row id: the rows outlive the deleted Akten.
 * The Löschprotokoll is append-only like the audit log.
 */
export const m0003: Migration = {
  version: 3,
  name: 'aussonderung',
  up: (tx) =>
    runScript(
      tx,
      `
CREATE TABLE aussonderung (
  id INTEGER PRIMARY KEY,
  prozess_id TEXT NOT NULL UNIQUE,
  amt_id TEXT NOT NULL REFERENCES amt(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  offer_received_at TEXT,
  appraised_at TEXT,
  exported_at TEXT,
  export_received_at TEXT,
  import_confirmed_at TEXT,
  completed_at TEXT
);

CREATE TABLE aussonderung_object (
  aussonderung_id INTEGER NOT NULL REFERENCES aussonderung(id),
  position INTEGER NOT NULL,
  akte_uuid TEXT NOT NULL,
  aktenzeichen TEXT NOT NULL,
  archival_hint TEXT CHECK (archival_hint IN ('A', 'B', 'V')),
  decision TEXT CHECK (decision IN ('A', 'B', 'V')),
  selected INTEGER NOT NULL DEFAULT 0 CHECK (selected IN (0, 1)),
  import_ok INTEGER CHECK (import_ok IN (0, 1)),
  archive_id TEXT,
  import_error TEXT,
  deleted_at TEXT,
  PRIMARY KEY (aussonderung_id, akte_uuid),
  UNIQUE (aussonderung_id, position)
);
CREATE INDEX aussonderung_object_akte ON aussonderung_object(akte_uuid);

CREATE TABLE aussonderung_message (
  aussonderung_id INTEGER NOT NULL REFERENCES aussonderung(id),
  type TEXT NOT NULL CHECK (type IN ('0501', '0502', '0503', '0504', '0505', '0506', '0507')),
  direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
  created_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  xml TEXT NOT NULL,
  PRIMARY KEY (aussonderung_id, type)
);

CREATE TABLE aussonderung_file (
  aussonderung_id INTEGER NOT NULL REFERENCES aussonderung(id),
  akte_uuid TEXT NOT NULL,
  document_uuid TEXT NOT NULL,
  version_uuid TEXT NOT NULL,
  file_name TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  sent_sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('conforming', 'converted', 'not_conforming')),
  pdfa_version TEXT,
  reason TEXT,
  PRIMARY KEY (aussonderung_id, version_uuid),
  UNIQUE (aussonderung_id, file_name)
);

CREATE TABLE loeschprotokoll (
  seq INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  prozess_id TEXT NOT NULL,
  akte_uuid TEXT NOT NULL UNIQUE,
  aktenzeichen TEXT NOT NULL,
  amt_id TEXT NOT NULL,
  aktenplan_number TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  zda_at TEXT NOT NULL,
  retention_years INTEGER,
  decision TEXT NOT NULL CHECK (decision IN ('A', 'B', 'V')),
  ground TEXT NOT NULL CHECK (ground IN ('archived', 'destroyed')),
  appraisal_at TEXT NOT NULL,
  archive_id TEXT,
  import_confirmed_at TEXT,
  vorgaenge INTEGER NOT NULL,
  documents INTEGER NOT NULL,
  versions INTEGER NOT NULL,
  blobs_removed INTEGER NOT NULL,
  contents TEXT NOT NULL,
  deleted_at TEXT NOT NULL,
  deleted_by TEXT NOT NULL,
  audit_seq INTEGER NOT NULL
);
CREATE TRIGGER loeschprotokoll_no_update BEFORE UPDATE ON loeschprotokoll BEGIN
  SELECT RAISE(ABORT, 'loeschprotokoll is append-only');
END;
CREATE TRIGGER loeschprotokoll_no_delete BEFORE DELETE ON loeschprotokoll BEGIN
  SELECT RAISE(ABORT, 'loeschprotokoll is append-only');
END;
`,
    ),
};
