import { runScript, type Migration } from './types';

/**
 * The records model: Ämter, users and grants, Aktenplan, Akte → Vorgang → Dokument → Version,
 * content-addressed blobs, Posteingang, Wiedervorlage, full-text index, audit chain and sync outbox.
 * UUIDs are stable for the life of an object and become the xdomea UUIDs on export.
 */
export const m0001: Migration = {
  version: 1,
  name: 'initial',
  up: (tx) =>
    runScript(
      tx,
      `
CREATE TABLE amt (
  id TEXT PRIMARY KEY CHECK (id GLOB '[0-9][0-9]'),
  name TEXT NOT NULL,
  behoerdenkennung TEXT
);

CREATE TABLE app_user (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL
);

CREATE TABLE user_grant (
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  role TEXT NOT NULL CHECK (role IN ('poststelle', 'sachbearbeitung', 'archiv', 'admin')),
  amt_id TEXT REFERENCES amt(id),
  CHECK ((role = 'sachbearbeitung') = (amt_id IS NOT NULL)),
  UNIQUE (user_id, role, amt_id)
);

CREATE TABLE aktenplan_entry (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  number TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  parent_id INTEGER REFERENCES aktenplan_entry(id),
  amt_id TEXT NOT NULL REFERENCES amt(id),
  retention_years INTEGER CHECK (retention_years IS NULL OR retention_years >= 0),
  archival_hint TEXT CHECK (archival_hint IN ('A', 'B', 'V'))
);
CREATE INDEX aktenplan_entry_parent ON aktenplan_entry(parent_id);

CREATE TABLE akte (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  aktenzeichen TEXT NOT NULL UNIQUE,
  aktenplan_entry_id INTEGER NOT NULL REFERENCES aktenplan_entry(id),
  amt_id TEXT NOT NULL REFERENCES amt(id),
  year INTEGER NOT NULL,
  running_no INTEGER NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'zda')),
  opened_at TEXT NOT NULL,
  zda_at TEXT,
  legal_hold TEXT,
  owner_user_id INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'zda') = (zda_at IS NOT NULL)),
  UNIQUE (aktenplan_entry_id, year, running_no)
);
CREATE INDEX akte_amt_status ON akte(amt_id, status);

CREATE TABLE akte_person (
  akte_id INTEGER NOT NULL REFERENCES akte(id),
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  birth_date TEXT
);
CREATE INDEX akte_person_akte ON akte_person(akte_id);

CREATE TABLE vorgang (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  akte_id INTEGER NOT NULL REFERENCES akte(id),
  running_no INTEGER NOT NULL,
  aktenzeichen TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (akte_id, running_no)
);

-- References known for a file (Kassenzeichen, court Az, AZR-Nummer …), normalised, for matching.
CREATE TABLE record_reference (
  akte_id INTEGER NOT NULL REFERENCES akte(id),
  vorgang_id INTEGER REFERENCES vorgang(id),
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (akte_id, type, value)
);
CREATE INDEX record_reference_value ON record_reference(type, value);

CREATE TABLE blob (
  hash TEXT PRIMARY KEY CHECK (length(hash) = 64),
  size INTEGER NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE posteingang_item (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL CHECK (channel IN ('papier', 'email', 'fax', 'de-mail', 'online')),
  sender TEXT,
  received_at TEXT NOT NULL,
  scan_protocol TEXT,
  created_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL
);

CREATE TABLE document (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  doc_type TEXT,
  sender TEXT,
  document_date TEXT,
  status TEXT NOT NULL CHECK (status IN ('eingang', 'abgelegt')),
  amt_id TEXT REFERENCES amt(id),
  akte_id INTEGER REFERENCES akte(id),
  vorgang_id INTEGER REFERENCES vorgang(id),
  posteingang_item_id INTEGER REFERENCES posteingang_item(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'abgelegt') = (vorgang_id IS NOT NULL)),
  CHECK ((vorgang_id IS NULL) = (akte_id IS NULL))
);
CREATE INDEX document_vorgang ON document(vorgang_id);
CREATE INDEX document_akte ON document(akte_id);
CREATE INDEX document_amt_status ON document(amt_id, status);

CREATE TABLE document_version (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  document_id INTEGER NOT NULL REFERENCES document(id),
  version_no INTEGER NOT NULL,
  blob_hash TEXT NOT NULL REFERENCES blob(hash),
  file_name TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  created_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  UNIQUE (document_id, version_no)
);

-- What decides visibility, as tokens the full-text index can match (amt21 doceingang akteopen):
-- the index applies access rules itself instead of ranking hits the caller may not see.
CREATE VIEW document_scope AS
  SELECT d.id AS document_id,
         'amt' || COALESCE(d.amt_id, '00') || ' doc' || d.status || ' akte' || COALESCE(a.status, 'none') AS scope
  FROM document d LEFT JOIN akte a ON a.id = d.akte_id;

-- Text of the current version; the FTS index reads its content from here.
CREATE TABLE document_text (
  document_id INTEGER PRIMARY KEY REFERENCES document(id),
  title TEXT NOT NULL,
  sender TEXT NOT NULL,
  body TEXT NOT NULL,
  scope TEXT NOT NULL
);

CREATE VIRTUAL TABLE document_fts USING fts5(
  title, sender, body, scope,
  content = 'document_text', content_rowid = 'document_id',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER document_text_ai AFTER INSERT ON document_text BEGIN
  INSERT INTO document_fts(rowid, title, sender, body, scope) VALUES (new.document_id, new.title, new.sender, new.body, new.scope);
END;
CREATE TRIGGER document_text_ad AFTER DELETE ON document_text BEGIN
  INSERT INTO document_fts(document_fts, rowid, title, sender, body, scope)
    VALUES ('delete', old.document_id, old.title, old.sender, old.body, old.scope);
END;
CREATE TRIGGER document_text_au AFTER UPDATE ON document_text BEGIN
  INSERT INTO document_fts(document_fts, rowid, title, sender, body, scope)
    VALUES ('delete', old.document_id, old.title, old.sender, old.body, old.scope);
  INSERT INTO document_fts(rowid, title, sender, body, scope) VALUES (new.document_id, new.title, new.sender, new.body, new.scope);
END;

-- The scope follows every change of what it is made of.
CREATE TRIGGER document_scope_au AFTER UPDATE OF status, amt_id, akte_id ON document BEGIN
  UPDATE document_text SET scope = (SELECT scope FROM document_scope WHERE document_id = new.id)
    WHERE document_id = new.id;
END;
CREATE TRIGGER akte_scope_au AFTER UPDATE OF status ON akte BEGIN
  UPDATE document_text SET scope = (SELECT s.scope FROM document_scope s WHERE s.document_id = document_text.document_id)
    WHERE document_id IN (SELECT id FROM document WHERE akte_id = new.id);
END;

CREATE TABLE wiedervorlage (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  akte_id INTEGER REFERENCES akte(id),
  document_id INTEGER REFERENCES document(id),
  amt_id TEXT NOT NULL REFERENCES amt(id),
  due_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  done_at TEXT,
  CHECK ((akte_id IS NULL) <> (document_id IS NULL))
);
CREATE INDEX wiedervorlage_due ON wiedervorlage(amt_id, done_at, due_date);

-- Append-only: every change to a record, hash-chained (hash = sha256(prev_hash | canonical entry)).
CREATE TABLE audit_event (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_uuid TEXT,
  amt_id TEXT,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_event_object ON audit_event(object_uuid);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;

-- Local changes waiting for the central DMS, written in the same transaction as the change.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  op_id TEXT NOT NULL UNIQUE,
  object_type TEXT NOT NULL,
  object_uuid TEXT NOT NULL,
  op TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX outbox_pending ON outbox(state, id);

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
    ),
};
