import { runScript, type Migration } from './types';

/**
 * Fixity runs cover the Digitalisate packages too (issue 9 item 7: every package): their results per
 * run, append-only like the Aussonderung packages' results in archiv_fixity_result.
 */
export const m0013: Migration = {
  version: 13,
  name: 'digitalisate-fixity',
  up: (tx) =>
    runScript(
      tx,
      `
CREATE TABLE archiv_unit_fixity_result (
  run_id INTEGER NOT NULL REFERENCES archiv_fixity_run(id),
  unit_submission_id INTEGER NOT NULL REFERENCES archiv_unit_submission(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'changed', 'missing')),
  changes TEXT NOT NULL,
  PRIMARY KEY (run_id, unit_submission_id)
);

CREATE TRIGGER archiv_unit_fixity_result_no_update BEFORE UPDATE ON archiv_unit_fixity_result BEGIN
  SELECT RAISE(ABORT, 'archiv_unit_fixity_result is append-only');
END;
CREATE TRIGGER archiv_unit_fixity_result_no_delete BEFORE DELETE ON archiv_unit_fixity_result BEGIN
  SELECT RAISE(ABORT, 'archiv_unit_fixity_result is append-only');
END;
`,
    ),
};
