import { runScript, type Migration } from './types';

/**
 * Persisted jobs for pipelines (intake first): one row per job with the identities chosen when it was
 * created, one row per finished stage with its output file and SHA-256, so a restart continues at the
 * first unfinished stage and a retry never creates a record twice. Also the per-version sidecar blobs
 * intake produces (OCR word boxes for highlighting).
 */
export const m0002: Migration = {
  version: 2,
  name: 'jobs',
  up: (tx) =>
    runScript(
      tx,
      `
CREATE TABLE job (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  -- What the job works on (e.g. the SHA-256 of a source file); jobs on one subject run one at a time.
  subject TEXT NOT NULL,
  parent_id INTEGER REFERENCES job(id),
  -- Position among the parent's children: a split that runs again inserts no second child.
  child_no INTEGER,
  -- The first stage this job runs (children start after their parent's split stage).
  first_stage TEXT NOT NULL,
  -- The first unfinished stage; NULL once every stage is finished.
  stage TEXT,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'waiting', 'needs_review', 'done', 'failed')),
  attempt INTEGER NOT NULL DEFAULT 0 CHECK (attempt >= 0),
  error_code TEXT,
  error_params TEXT,
  -- JSON: what the first stage gets, and the ids (document UUIDs …) chosen at creation.
  input TEXT NOT NULL,
  identities TEXT NOT NULL,
  result TEXT,
  label TEXT NOT NULL,
  created_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((parent_id IS NULL) = (child_no IS NULL)),
  CHECK ((error_code IS NULL) OR status IN ('needs_review', 'failed')),
  UNIQUE (parent_id, child_no)
);
CREATE INDEX job_status ON job(status, id);
CREATE INDEX job_subject ON job(subject, status);
CREATE INDEX job_parent ON job(parent_id);

CREATE TABLE job_stage (
  job_id INTEGER NOT NULL REFERENCES job(id),
  stage TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('done', 'skipped')),
  -- Relative to the job's work folder; written to a temp name and renamed before this row commits.
  output_file TEXT,
  output_sha256 TEXT CHECK (output_sha256 IS NULL OR length(output_sha256) = 64),
  finished_at TEXT NOT NULL,
  PRIMARY KEY (job_id, stage),
  CHECK ((output_file IS NULL) = (output_sha256 IS NULL))
);

-- Extra content derived from a version's file (e.g. 'ocr-words': word boxes in PDF points, JSON).
CREATE TABLE document_version_sidecar (
  version_id INTEGER NOT NULL REFERENCES document_version(id),
  kind TEXT NOT NULL,
  blob_hash TEXT NOT NULL REFERENCES blob(hash),
  PRIMARY KEY (version_id, kind)
);
`,
    ),
};
