import { runScript, type Migration } from './types';

/**
 * The OCR'd pages of the Digitalisate access copy, kept once made: a derived blob per master page (image
 * layer and words), tied to the master's hash, its page and the OCR profile, so packaging a unit again
 * OCRs only pages not seen before (issue 9/11 follow-up).
 */
export const m0015: Migration = {
  version: 15,
  name: 'digitalisate-access-pages',
  up: (tx) =>
    runScript(
      tx,
      `
CREATE TABLE archiv_page_access (
  master_sha256 TEXT NOT NULL REFERENCES blob(hash),
  page_in_file INTEGER NOT NULL,
  profile TEXT NOT NULL,
  layer_sha256 TEXT NOT NULL REFERENCES blob(hash),
  created_at TEXT NOT NULL,
  PRIMARY KEY (master_sha256, page_in_file, profile)
);
`,
    ),
};
