import { useEffect, useRef } from 'react';
import { useApi } from '../api/ApiProvider';

const SETTLE_MS = 150;

/**
 * Calls `onChange` when the core reports changed records (SSE in browser mode, IPC in Electron), so lists
 * refresh themselves instead of waiting for a manual reload. A burst of changes (a filing touches several
 * objects) ends in one call. `uuid` narrows it to one object (a document page listens to its document only).
 */
export function useRecordsChanged(onChange: () => void, objectTypes?: readonly string[], uuid?: string): void {
  const api = useApi();
  const latest = useRef(onChange);
  latest.current = onChange;
  const types = objectTypes?.join(',') ?? '';
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wanted = types ? types.split(',') : null;
    const off = api.onEvent((event) => {
      if (event.type !== 'records.changed' || (wanted && !wanted.includes(event.objectType)) || (uuid && event.uuid !== uuid)) return;
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), SETTLE_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [api, types, uuid]);
}
