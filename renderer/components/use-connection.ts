import { useEffect, useState } from 'react';
import { useApi } from '../api/ApiProvider';
import { connectionSummary, type ConnectionSummary, type SyncStatus } from './connection';

/** While the core is unreachable, ask again this often so the indicator recovers by itself. */
const RECHECK_MS = 10_000;

/** Live connection state from navigator.onLine, the client's reachability, system.status and sync.status events. */
export function useConnection(): ConnectionSummary {
  const api = useApi();
  const [browserOnline, setBrowserOnline] = useState(() => navigator.onLine);
  const [coreReachable, setCoreReachable] = useState(() => api.isReachable());
  const [sync, setSync] = useState<SyncStatus | null>(null);

  useEffect(() => {
    const on = () => setBrowserOnline(true);
    const off = () => setBrowserOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);

  useEffect(() => {
    const refresh = () =>
      api.call('system.status', {}).then(
        (s) => setSync(s.sync),
        () => undefined, // reachability is tracked by the client
      );
    void refresh();
    const offReach = api.onReachability(setCoreReachable);
    const offEvents = api.onEvent((e) => {
      if (e.type !== 'sync.status') return;
      // The event has the state only; the counts are per caller, so ask for them.
      setSync((prev) => ({ pendingOperations: prev?.pendingOperations ?? 0, ...e.status }));
      void refresh();
    });
    return () => {
      offReach();
      offEvents();
    };
  }, [api]);

  useEffect(() => {
    if (coreReachable) return;
    const timer = setInterval(() => void api.call('system.status', {}).then((s) => setSync(s.sync), () => undefined), RECHECK_MS);
    return () => clearInterval(timer);
  }, [api, coreReachable]);

  return connectionSummary({ browserOnline, coreReachable, sync });
}
