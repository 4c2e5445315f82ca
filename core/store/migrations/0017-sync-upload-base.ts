import { runScript, type Migration } from './types';

/**
 * The base of a version's pre-check-in conflict check: the change token of the DMS's checked-in version
 * read right after our own check-out. Some DMSs change it by the check-out itself (Alfresco adds the lock
 * to the version), so our last synced token would show our own check-out as a colleague's edit; kept with
 * the upload session so a resumed upload compares against the same state.
 */
export const m0017: Migration = {
  version: 17,
  name: 'sync-upload-base',
  up: (tx) =>
    runScript(
      tx,
      `
ALTER TABLE sync_upload ADD COLUMN base_change_token TEXT;
`,
    ),
};
