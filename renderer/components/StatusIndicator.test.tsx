import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SystemStatus } from '../../contract/schemas/system';
import { clerk21 } from '../test/data';
import { Unreachable } from '../test/fake-transport';
import { renderAsUser } from '../test/render';
import { StatusIndicator } from './StatusIndicator';

const status = (sync: SystemStatus['sync']): SystemStatus => ({ version: '0.1.0', mode: 'electron', demo: false, sync });
const label = () => screen.getByRole('status').querySelector('.conn-label')?.textContent;

function setOnline(online: boolean) {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

describe('StatusIndicator', () => {
  it('starts from system.status and follows sync.status events', async () => {
    let sync: SystemStatus['sync'] = { state: 'online', pendingOperations: 0, lastSuccessAt: '2026-11-23T08:00:00+01:00' };
    const { transport } = await renderAsUser(<StatusIndicator />, clerk21, { 'system.status': () => status(sync) });
    await waitFor(() => expect(label()).toBe('Online'));
    // It opens the sync page, named by the state it shows.
    const link = screen.getByRole('link');
    expect(link.getAttribute('href')).toBe('#/abgleich');
    expect(link.textContent).toContain('Verbindungsstatus: Online');
    // The event carries no counts (they are per caller): the indicator asks system.status for its own.
    sync = { state: 'syncing', pendingOperations: 7, lastSuccessAt: null };
    act(() => transport.emit({ type: 'sync.status', status: { state: 'syncing', lastSuccessAt: null } }));
    expect(label()).toBe('Abgleich läuft');
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('7 Änderungen werden mit dem DMS abgeglichen.'));
  });

  it('shows offline when the workstation loses its network, and recovers', async () => {
    await renderAsUser(<StatusIndicator />, clerk21, {
      'system.status': () => status({ state: 'online', pendingOperations: 2, lastSuccessAt: null }),
    });
    await waitFor(() => expect(label()).toBe('Online'));
    try {
      act(() => setOnline(false));
      expect(label()).toBe('Offline');
      expect(screen.getByRole('status').textContent).toContain('2 Änderungen warten auf den Abgleich');
      act(() => setOnline(true));
      expect(label()).toBe('Online');
    } finally {
      setOnline(true);
    }
  });

  it('says so when the core itself stops answering', async () => {
    let up = true;
    const { client } = await renderAsUser(<StatusIndicator />, clerk21, {
      'system.status': () => status({ state: 'not_configured', pendingOperations: 0, lastSuccessAt: null }),
      'aemter.list': () => {
        if (!up) throw new Unreachable();
        return [];
      },
    });
    await waitFor(() => expect(label()).toBe('Lokal'));
    up = false;
    await act(async () => {
      await client.call('aemter.list', {}).catch(() => undefined);
    });
    expect(label()).toBe('Dienst nicht erreichbar');
    up = true;
    await act(async () => {
      await client.call('aemter.list', {});
    });
    expect(label()).toBe('Lokal');
  });
});
