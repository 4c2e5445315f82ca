import { m0001 } from './0001-initial';
import { m0002 } from './0002-jobs';
import { m0003 } from './0003-aussonderung';
import { m0004 } from './0004-sync';
import { m0005 } from './0005-classification';
import { m0006 } from './0006-archive-ingest';
import { m0007 } from './0007-message-blobs';
import { m0008 } from './0008-workspace';
import { m0009 } from './0009-signature-timestamps';
import { m0010 } from './0010-classify-intake';
import { m0011 } from './0011-digitalisate';
import { m0012 } from './0012-search-prefix-index';
import { m0013 } from './0013-digitalisate-fixity';
import { m0014 } from './0014-archiv-object-report';
import { m0015 } from './0015-digitalisate-access-pages';
import { m0016 } from './0016-pdfa-verdicts';
import { m0017 } from './0017-sync-upload-base';
import type { Migration } from './types';

/**
 * In order; the schema version of a store is the last one applied (PRAGMA user_version).
 * 0002 jobs (intake queue), 0003 aussonderung, 0004 sync, 0005 classification, 0006 archive ingest;
 * further numbers are claimed one at a time while features are built in parallel.
 */
export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014, m0015, m0016, m0017];

export type { Migration } from './types';
