import type { SystemStatus } from '../../contract/schemas/system';
import { de } from '../i18n/de';
import { formatDateTime } from '../i18n/format';

export type SyncStatus = SystemStatus['sync'];
export type ConnectionLevel = 'ok' | 'busy' | 'warn' | 'error';

export interface ConnectionInput {
  /** navigator.onLine: the workstation's network. */
  browserOnline: boolean;
  /** Whether the local core answered the last call. */
  coreReachable: boolean;
  /** Last known DMS sync state (system.status, then sync.status events). */
  sync: SyncStatus | null;
}

export interface ConnectionSummary {
  level: ConnectionLevel;
  label: string;
  detail: string;
}

/**
 * One line for the header. The core runs locally, so "offline" means: no DMS sync, work goes on.
 * Worst first: core unreachable, sync error, offline, syncing, online/local.
 */
export function connectionSummary({ browserOnline, coreReachable, sync }: ConnectionInput): ConnectionSummary {
  const pending = sync?.pendingOperations ?? 0;
  if (!coreReachable) return { level: 'error', label: de.connection.unreachable, detail: de.connection.unreachableDetail };
  if (sync?.state === 'error') return { level: 'error', label: de.connection.syncError, detail: de.connection.syncErrorDetail(pending) };
  if (!browserOnline || sync?.state === 'offline') {
    return { level: 'warn', label: de.connection.offline, detail: de.connection.offlineDetail(pending) };
  }
  if (sync?.state === 'syncing') return { level: 'busy', label: de.connection.syncing, detail: de.connection.syncingDetail(pending) };
  if (sync?.state === 'online') {
    return {
      level: 'ok',
      label: de.connection.online,
      detail: de.connection.onlineDetail(sync.lastSuccessAt ? formatDateTime(sync.lastSuccessAt) : null),
    };
  }
  return { level: 'ok', label: de.connection.local, detail: de.connection.localDetail(pending) };
}
