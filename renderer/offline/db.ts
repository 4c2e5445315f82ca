import Dexie, { type Table } from 'dexie';

export interface DraftRow {
  /** `${user}|${draftId}`: drafts belong to one user of a shared workstation. */
  key: string;
  user: string;
  value: unknown;
  updatedAt: number;
}

export type RecentKind = 'akte' | 'document';

export interface RecentRow {
  key: string;
  user: string;
  kind: RecentKind;
  uuid: string;
  title: string;
  subtitle: string;
  openedAt: number;
}

/** The renderer's IndexedDB: unfinished input and recently opened items, nothing the core owns. */
export class OfflineDb extends Dexie {
  drafts!: Table<DraftRow, string>;
  recent!: Table<RecentRow, string>;

  constructor(name = 'eakte-desk') {
    super(name);
    this.version(1).stores({
      drafts: 'key, user, updatedAt',
      recent: 'key, [user+openedAt]',
    });
  }
}
