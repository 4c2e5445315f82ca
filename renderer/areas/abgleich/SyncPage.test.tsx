import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SyncConflict, SyncDetails } from '../../../contract/methods/sync';
import { ApiClient } from '../../api/client';
import { ApiProvider } from '../../api/ApiProvider';
import { SyncBadge } from '../../components/SyncBadge';
import { clerk21, uuid } from '../../test/data';
import { fakeTransport, refuse } from '../../test/fake-transport';
import { renderAsUser } from '../../test/render';
import { SyncPage } from './SyncPage';

function details(over: Partial<SyncDetails> = {}): SyncDetails {
  return {
    state: 'offline',
    pendingOperations: 3,
    lastSuccessAt: '2026-11-23T08:00:00Z',
    failedOperations: 0,
    openConflicts: 1,
    lastAttemptAt: '2026-11-23T09:00:00Z',
    lastError: { code: 'sync.server_unreachable', message: 'Das zentrale DMS ist nicht erreichbar.', retryable: true, at: '2026-11-23T09:00:00Z' },
    nextRetryAt: '2026-11-23T09:01:00Z',
    ...over,
  };
}

function conflict(over: Partial<SyncConflict> = {}): SyncConflict {
  return {
    uuid: uuid(),
    objectType: 'document',
    objectUuid: uuid(),
    kind: 'edit_edit',
    detectedAt: '2026-11-23T09:00:00Z',
    local: { exists: true, title: 'Pfändungsverfügung', versionCount: 2, latestSha256: 'a'.repeat(64) },
    remote: { exists: true, title: 'Pfändungsverfügung', versionCount: 3, latestSha256: 'b'.repeat(64) },
    resolution: null,
    resolvedAt: null,
    copyUuid: null,
    ...over,
  };
}

describe('SyncPage', () => {
  it('shows pending changes, the last error in German, and runs a sync on demand', async () => {
    let status = details();
    const { transport } = await renderAsUser(<SyncPage user={clerk21} />, clerk21, {
      'sync.status': () => status,
      'sync.listConflicts': () => [],
      'sync.run': () => {
        status = details({ state: 'online', pendingOperations: 0, lastError: null, nextRetryAt: null });
        return { ok: true, pushed: 3, conflicts: 0, errorCode: null, status };
      },
    });
    await screen.findByText('nicht erreichbar');
    expect(screen.getByText('Offene Änderungen').nextSibling?.textContent).toBe('3');
    expect(screen.getByText(/Das zentrale DMS ist nicht erreichbar/)).toBeTruthy();
    expect(screen.getByText('Keine offenen Konflikte.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Jetzt synchronisieren' }));
    await screen.findByText('Abgleich fertig: 3 Änderungen übertragen.');
    await screen.findByText('verbunden');
    expect(screen.queryByText(/nicht erreichbar/)).toBeNull();
    expect(transport.callsOf('sync.run')).toEqual([{ retryFailed: false }]);
  });

  it('shows a refused run as the core says it, and follows sync.status events', async () => {
    let status = details({ state: 'online', lastError: null, pendingOperations: 0 });
    const { transport } = await renderAsUser(<SyncPage user={clerk21} />, clerk21, {
      'sync.status': () => status,
      'sync.listConflicts': () => [],
      'sync.run': () => {
        throw refuse('sync.busy', 'Die Synchronisation läuft bereits.', true);
      },
    });
    await screen.findByText('verbunden');
    fireEvent.click(screen.getByRole('button', { name: 'Jetzt synchronisieren' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Die Synchronisation läuft bereits.');
    status = details({ state: 'syncing', pendingOperations: 5, lastError: null });
    act(() => transport.emit({ type: 'sync.status', status: { state: 'syncing', lastSuccessAt: null } }));
    await screen.findByText('Abgleich läuft');
    expect(screen.getByText('Offene Änderungen').nextSibling?.textContent).toBe('5');
  });

  it('lists conflicts with both sides and resolves one with the chosen decision', async () => {
    const c = conflict();
    let open = [c];
    const { transport } = await renderAsUser(<SyncPage user={clerk21} />, clerk21, {
      'sync.status': () => details({ openConflicts: open.length }),
      'sync.listConflicts': () => open,
      'sync.resolveConflict': ({ uuid: id, resolution }) => {
        open = [];
        return { ...c, uuid: id, resolution: resolution ?? 'keep_local', resolvedAt: '2026-11-23T09:05:00Z' };
      },
    });
    const table = await screen.findByRole('table');
    const row = within(table).getByText('Pfändungsverfügung').closest('tr')!;
    expect(row.textContent).toContain('beidseitig geändert');
    expect(row.textContent).toContain('2 Versionen');
    expect(row.textContent).toContain('3 Versionen');
    fireEvent.click(within(row).getByRole('button', { name: 'Server übernehmen: Pfändungsverfügung' }));
    await screen.findByText('Konflikt zu „Pfändungsverfügung“ entschieden.');
    await screen.findByText('Keine offenen Konflikte.');
    expect(transport.callsOf('sync.resolveConflict')).toEqual([{ uuid: c.uuid, resolution: 'keep_remote' }]);
  });
});

describe('SyncBadge', () => {
  it('asks once for all rows, shows the state as text, updates on events and hides local-only documents', async () => {
    const [a, b, c] = [uuid(), uuid(), uuid()];
    let states: Record<string, 'pending' | 'synced' | 'local_only'> = { [a]: 'pending', [b]: 'synced', [c]: 'local_only' };
    const transport = fakeTransport({
      'sync.objectStates': ({ uuids }) => uuids.map((u) => ({ uuid: u, state: states[u]!, pendingOperations: 0, lastSyncedAt: null })),
    });
    render(
      <ApiProvider client={new ApiClient(transport)}>
        <ul>
          {[a, b, c].map((u) => (
            <li key={u} data-testid={u}>
              <SyncBadge uuid={u} />
            </li>
          ))}
        </ul>
      </ApiProvider>,
    );
    await waitFor(() => expect(screen.getByTestId(a).textContent).toBe('Wartet auf Abgleich'));
    expect(screen.getByTestId(b).textContent).toBe('Abgeglichen');
    expect(screen.getByTestId(c).textContent).toBe('');
    expect(transport.callsOf('sync.objectStates')).toEqual([{ uuids: [a, b, c] }]);
    states = { ...states, [a]: 'synced' };
    act(() => transport.emit({ type: 'sync.status', status: { state: 'online', lastSuccessAt: null } }));
    await waitFor(() => expect(screen.getByTestId(a).textContent).toBe('Abgeglichen'));
  });
});
