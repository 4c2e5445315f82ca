import Dexie from 'dexie';
import type { OfflineDb, RecentKind, RecentRow } from './db';

const RECENT_LIMIT = 12;
/** Drafts hold personal data; one that nobody touched for this long is dropped. */
const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export interface RecentItem {
  kind: RecentKind;
  uuid: string;
  title: string;
  subtitle: string;
}

/** One user's view of the offline database. */
export class OfflineStore {
  private readonly recentListeners = new Set<() => void>();

  constructor(
    private readonly db: OfflineDb,
    readonly user: string,
    private readonly now: () => number = Date.now,
  ) {}

  private key(id: string) {
    return `${this.user}|${id}`;
  }

  async loadDraft<T>(id: string): Promise<T | undefined> {
    const row = await this.db.drafts.get(this.key(id));
    if (!row) return undefined;
    if (this.now() - row.updatedAt > DRAFT_MAX_AGE_MS) {
      await this.db.drafts.delete(row.key);
      return undefined;
    }
    return row.value as T;
  }

  async saveDraft(id: string, value: unknown): Promise<void> {
    await this.db.drafts.put({ key: this.key(id), user: this.user, value, updatedAt: this.now() });
  }

  async clearDraft(id: string): Promise<void> {
    await this.db.drafts.delete(this.key(id));
  }

  async addRecent(item: RecentItem): Promise<void> {
    await this.db.transaction('rw', this.db.recent, async () => {
      await this.db.recent.put({ ...item, key: this.key(`${item.kind}:${item.uuid}`), user: this.user, openedAt: this.now() });
      const stale = await this.byUser().reverse().offset(RECENT_LIMIT).primaryKeys();
      await this.db.recent.bulkDelete(stale);
    });
    for (const l of this.recentListeners) l();
  }

  async listRecent(): Promise<RecentRow[]> {
    return this.byUser().reverse().limit(RECENT_LIMIT).toArray();
  }

  private byUser() {
    return this.db.recent.where('[user+openedAt]').between([this.user, Dexie.minKey], [this.user, Dexie.maxKey]);
  }

  onRecentChange(listener: () => void): () => void {
    this.recentListeners.add(listener);
    return () => this.recentListeners.delete(listener);
  }
}
