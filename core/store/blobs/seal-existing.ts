import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAppError } from '../../../contract/app-error';
import type { Logger } from '../../platform/logger';
import type { BlobStore } from './blob-store';

const DONE = 'sealed-v1';
const HASH = /^[0-9a-f]{64}$/;

/**
 * Encrypts the blobs a store had before it got a key (older versions, restores). Each blob is replaced
 * by an atomic rename, so a crash leaves every file either plain or sealed and a rerun goes on where it
 * stopped; the marker file is written only after a full pass. Damaged blobs stay untouched for fixity.
 */
export async function sealExistingBlobs(root: string, blobs: BlobStore, logger: Logger): Promise<number> {
  if (existsSync(join(root, DONE))) return 0;
  let sealed = 0;
  let damaged = 0;
  for (const f of (await blobs.list()).filter((n) => HASH.test(n))) {
    try {
      if (await blobs.seal(f)) sealed++;
    } catch (err) {
      if (!isAppError(err)) throw err;
      damaged++;
    }
  }
  await writeFile(join(root, DONE), '');
  if (sealed || damaged) logger.info('existing blobs encrypted', { sealed, damaged });
  return sealed;
}
