import { runScript, type Migration } from './types';

/**
 * Digitalisate (issue 9 item 5): the Stadtarchiv's own scanned holdings. A unit is one
 * Verzeichnungseinheit of a Bestand with its descriptive metadata; its pages point at the scanned master
 * files, kept unchanged as blobs, with their technical metadata. Pages are added, never changed or
 * removed (a master is evidence like a received file); submission packages are registered with the
 * SHA-256 of every file for later fixity checks.
 */
export const m0011: Migration = {
  version: 11,
  name: 'digitalisate',
  up: (tx) =>
    runScript(
      tx,
      `
CREATE TABLE archiv_unit (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  bestand TEXT NOT NULL,
  signatur TEXT NOT NULL,
  titel TEXT NOT NULL,
  laufzeit TEXT NOT NULL,
  provenienz TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (bestand, signatur)
);

CREATE TABLE archiv_unit_page (
  unit_id INTEGER NOT NULL REFERENCES archiv_unit(id),
  position INTEGER NOT NULL CHECK (position >= 1),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blob(hash),
  size INTEGER NOT NULL,
  page_in_file INTEGER NOT NULL CHECK (page_in_file >= 0),
  puid TEXT NOT NULL,
  format_name TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  dpi INTEGER,
  colour TEXT NOT NULL CHECK (colour IN ('bitonal', 'grey', 'colour')),
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  PRIMARY KEY (unit_id, position)
);

CREATE TABLE archiv_unit_submission (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES archiv_unit(id),
  target TEXT NOT NULL,
  path TEXT NOT NULL,
  pages INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX archiv_unit_submission_unit ON archiv_unit_submission(unit_id, id);

CREATE TABLE archiv_unit_submission_file (
  submission_id INTEGER NOT NULL REFERENCES archiv_unit_submission(id),
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (submission_id, path)
);

CREATE TRIGGER archiv_unit_page_no_update BEFORE UPDATE ON archiv_unit_page BEGIN
  SELECT RAISE(ABORT, 'archiv_unit_page is append-only');
END;
CREATE TRIGGER archiv_unit_page_no_delete BEFORE DELETE ON archiv_unit_page BEGIN
  SELECT RAISE(ABORT, 'archiv_unit_page is append-only');
END;
CREATE TRIGGER archiv_unit_submission_file_no_update BEFORE UPDATE ON archiv_unit_submission_file BEGIN
  SELECT RAISE(ABORT, 'archiv_unit_submission_file is append-only');
END;
CREATE TRIGGER archiv_unit_submission_file_no_delete BEFORE DELETE ON archiv_unit_submission_file BEGIN
  SELECT RAISE(ABORT, 'archiv_unit_submission_file is append-only');
END;
`,
    ),
};
