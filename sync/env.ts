import type { CoreDeps } from '../core/records/context';
import type { CmisClient } from './cmis/client';
import type { SyncConfig } from './config';

/** What push, pull and uploads share during one sync cycle. */
export interface SyncEnv {
  readonly deps: CoreDeps;
  readonly client: CmisClient;
  readonly config: SyncConfig;
  readonly repositoryId: string;
  /** The DMS user name: a working copy checked out by it is ours to continue. */
  readonly remoteUser: string | null;
  readonly random: () => number;
  /** Folder ids resolved once per cycle. */
  readonly folders: { root: string; posteingang: string | null };
}
