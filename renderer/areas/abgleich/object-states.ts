import { useEffect, useState } from 'react';
import type { ObjectSyncState } from '../../../contract/methods/sync';
import { useApi } from '../../api/ApiProvider';
import type { ApiClient } from '../../api/client';

type Listener = (state: ObjectSyncState | null) => void;

const MAX_PER_CALL = 500; // the method's limit

/**
 * Sync states for the badges of a long list: rows that appear together are asked for in one
 * `sync.objectStates` call, and every sync or records event asks again for the rows on screen.
 */
class ObjectStates {
  private readonly known = new Map<string, ObjectSyncState | null>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly queued = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly api: ApiClient) {
    api.onEvent((e) => {
      if (e.type === 'sync.status' || e.type === 'records.changed') for (const uuid of this.listeners.keys()) this.queue(uuid);
    });
  }

  watch(uuid: string, listener: Listener): () => void {
    let set = this.listeners.get(uuid);
    if (!set) this.listeners.set(uuid, (set = new Set()));
    set.add(listener);
    if (this.known.has(uuid)) listener(this.known.get(uuid) ?? null);
    this.queue(uuid);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(uuid);
    };
  }

  private queue(uuid: string): void {
    this.queued.add(uuid);
    this.timer ??= setTimeout(() => void this.flush(), 30);
  }

  private async flush(): Promise<void> {
    this.timer = null;
    const uuids = [...this.queued].filter((u) => this.listeners.has(u));
    this.queued.clear();
    for (let i = 0; i < uuids.length; i += MAX_PER_CALL) {
      const batch = uuids.slice(i, i + MAX_PER_CALL);
      // A failed call leaves the badges as they were; the next event asks again.
      const states = await this.api.call('sync.objectStates', { uuids: batch }).catch(() => null);
      if (!states) continue;
      const byUuid = new Map(states.map((s) => [s.uuid, s.state]));
      for (const uuid of batch) {
        const state = byUuid.get(uuid) ?? null;
        this.known.set(uuid, state);
        for (const l of this.listeners.get(uuid) ?? []) l(state);
      }
    }
  }
}

const perClient = new WeakMap<ApiClient, ObjectStates>();

/** The object's sync state, null while unknown or when the caller may not see it. */
export function useObjectSyncState(uuid: string): ObjectSyncState | null {
  const api = useApi();
  const [state, setState] = useState<ObjectSyncState | null>(null);
  useEffect(() => {
    let states = perClient.get(api);
    if (!states) perClient.set(api, (states = new ObjectStates(api)));
    return states.watch(uuid, setState);
  }, [api, uuid]);
  return state;
}
