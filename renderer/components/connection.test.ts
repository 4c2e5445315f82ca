import { describe, expect, it } from 'vitest';
import { connectionSummary, type SyncStatus } from './connection';

const sync = (state: SyncStatus['state'], pendingOperations = 0): SyncStatus => ({ state, pendingOperations, lastSuccessAt: null });

describe('connectionSummary', () => {
  it('puts an unreachable core above everything else', () => {
    expect(connectionSummary({ browserOnline: false, coreReachable: false, sync: sync('error', 3) })).toMatchObject({
      level: 'error',
      label: 'Dienst nicht erreichbar',
    });
  });

  it('reports a failing sync with the pending changes', () => {
    expect(connectionSummary({ browserOnline: true, coreReachable: true, sync: sync('error', 4) })).toMatchObject({
      level: 'error',
      label: 'Abgleich gestört',
      detail: expect.stringContaining('4 Änderungen'),
    });
  });

  it('shows offline from the network or from the sync state, and that work goes on locally', () => {
    for (const input of [
      { browserOnline: false, coreReachable: true, sync: sync('online', 2) },
      { browserOnline: true, coreReachable: true, sync: sync('offline', 2) },
    ]) {
      expect(connectionSummary(input)).toMatchObject({ level: 'warn', label: 'Offline', detail: expect.stringContaining('2 Änderungen warten') });
    }
  });

  it('distinguishes syncing, online and a local installation without DMS', () => {
    expect(connectionSummary({ browserOnline: true, coreReachable: true, sync: sync('syncing', 5) }).label).toBe('Abgleich läuft');
    expect(connectionSummary({ browserOnline: true, coreReachable: true, sync: sync('online') }).label).toBe('Online');
    expect(connectionSummary({ browserOnline: true, coreReachable: true, sync: sync('not_configured') })).toMatchObject({
      level: 'ok',
      label: 'Lokal',
    });
  });
});
