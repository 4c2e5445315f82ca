import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { OfflineDb, RecentRow } from './db';
import { OfflineStore } from './offline-store';

const OfflineContext = createContext<OfflineStore | null>(null);

export function OfflineProvider({ db, user, children }: { db: OfflineDb; user: string; children: ReactNode }) {
  const [store, setStore] = useState(() => new OfflineStore(db, user));
  if (store.user !== user) setStore(new OfflineStore(db, user));
  return <OfflineContext.Provider value={store}>{children}</OfflineContext.Provider>;
}

export function useOffline(): OfflineStore {
  const store = useContext(OfflineContext);
  if (!store) throw new Error('useOffline outside OfflineProvider');
  return store;
}

/** Recently opened Akten and Dokumente of the current user, newest first. */
export function useRecent(): RecentRow[] {
  const store = useOffline();
  const [items, setItems] = useState<RecentRow[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => {
      store.listRecent().then(
        (rows) => live && setItems(rows),
        // IndexedDB can be unavailable (private mode, quota); the list is a convenience, so stay empty.
        (err: unknown) => console.warn('recent items unavailable', err),
      );
    };
    load();
    const off = store.onRecentChange(load);
    return () => {
      live = false;
      off();
    };
  }, [store]);
  return items;
}
