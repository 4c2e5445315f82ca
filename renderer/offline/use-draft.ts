import { useCallback, useEffect, useRef, useState } from 'react';
import { useOffline } from './OfflineProvider';

const SAVE_DELAY_MS = 300;

export interface Draft<T> {
  value: T;
  setValue: (next: T | ((prev: T) => T)) => void;
  /** True when the shown value came from a saved draft (e.g. after a reload). */
  restored: boolean;
  discard: () => void;
}

/**
 * Form state that survives a reload or crash: saved to IndexedDB shortly after each change (and when
 * the form goes away) and restored on the next visit. Call `discard` after a successful submit.
 */
export function useDraft<T>(id: string, initial: T): Draft<T> {
  const store = useOffline();
  const [value, setValueState] = useState(initial);
  const [restored, setRestored] = useState(false);
  const initialRef = useRef(initial);
  const latest = useRef(initial);
  const unsaved = useRef(false);
  const loaded = useRef(false);

  /** `leaving`: the form goes away, so its input is saved even before the old draft was read. */
  const flush = useCallback((leaving = false) => {
    // Before the saved draft is loaded nothing is written, so typing fast cannot overwrite it.
    if (!unsaved.current || (!loaded.current && !leaving)) return;
    unsaved.current = false;
    const unchanged = JSON.stringify(latest.current) === JSON.stringify(initialRef.current);
    (unchanged ? store.clearDraft(id) : store.saveDraft(id, latest.current)).catch((err: unknown) =>
      console.warn('draft not saved', err),
    );
  }, [store, id]);

  useEffect(() => {
    let live = true;
    loaded.current = false;
    store.loadDraft<T>(id).then(
      (saved) => {
        if (!live) return;
        loaded.current = true;
        if (saved !== undefined && !unsaved.current) {
          latest.current = saved;
          setValueState(saved);
          setRestored(true);
        }
        flush();
      },
      (err: unknown) => {
        console.warn('draft unavailable', err);
        loaded.current = true;
      },
    );
    return () => {
      live = false;
      flush(true);
    };
  }, [store, id, flush]);

  useEffect(() => {
    const timer = setTimeout(() => flush(), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value, flush]);

  const setValue = useCallback((next: T | ((prev: T) => T)) => {
    setValueState((prev) => {
      const v = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
      latest.current = v;
      return v;
    });
    unsaved.current = true;
  }, []);

  const discard = useCallback(() => {
    unsaved.current = false;
    latest.current = initialRef.current;
    setRestored(false);
    setValueState(initialRef.current);
    store.clearDraft(id).catch((err: unknown) => console.warn('draft not cleared', err));
  }, [store, id]);

  return { value, setValue, restored, discard };
}
