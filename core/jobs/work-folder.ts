import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sha256 } from '../store/blobs/blob-store';
import type { FileRef } from './types';

/** Job uuids and work-file names are the only path parts; anything else could leave the work folder. */
const SAFE_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export class WorkFileCorrupt extends Error {
  constructor(readonly ref: FileRef) {
    super(`work file ${ref.job}/${ref.file} is missing or does not match its hash`);
  }
}

/** The per-job folders under `<data>/work/jobs/<job uuid>/`; every file is written whole or not at all. */
export class WorkFolders {
  constructor(readonly root: string) {}

  dirOf(jobUuid: string): string {
    if (!SAFE_PART.test(jobUuid)) throw new Error(`unsafe job id: ${jobUuid}`);
    return join(this.root, jobUuid);
  }

  pathOf(ref: Pick<FileRef, 'job' | 'file'>): string {
    if (!SAFE_PART.test(ref.file)) throw new Error(`unsafe work file name: ${ref.file}`);
    return join(this.dirOf(ref.job), ref.file);
  }

  /** temp file → fsync → rename: after a crash the name holds either nothing or the complete file. */
  async write(jobUuid: string, file: string, bytes: Uint8Array): Promise<FileRef> {
    const target = this.pathOf({ job: jobUuid, file });
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.part`;
    const fh = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } catch (err) {
      await fh.close();
      await rm(tmp, { force: true });
      throw err;
    }
    await fh.close();
    await rename(tmp, target);
    return { job: jobUuid, file, sha256: sha256(bytes) };
  }

  async read(ref: FileRef): Promise<Buffer> {
    const bytes = await readFile(this.pathOf(ref)).catch(() => null);
    if (!bytes || sha256(bytes) !== ref.sha256) throw new WorkFileCorrupt(ref);
    return bytes;
  }

  /** Reads a file that an earlier run completed, or null; used for per-page results. */
  async readIfComplete(jobUuid: string, file: string): Promise<Buffer | null> {
    return readFile(this.pathOf({ job: jobUuid, file })).catch(() => null);
  }

  async remove(jobUuid: string): Promise<void> {
    await rm(this.dirOf(jobUuid), { recursive: true, force: true });
  }
}
