import { m0001 } from './0001-initial';
import type { Migration } from './types';

/** In order; the schema version of a store is the last one applied (PRAGMA user_version). */
export const migrations: readonly Migration[] = [m0001];

export type { Migration } from './types';
