import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '../../../contract/schemas/identity';
import type { HotFolderStatus } from '../../../contract/methods/intake';
import { formatDateTime } from '../../i18n/format';
import { uuid } from '../../test/data';
import { refuse } from '../../test/fake-transport';
import { renderAsUser } from '../../test/render';
import { HotFolderPanel } from './HotFolderPanel';

const post: User = { uuid: uuid(), username: 'poststelle', displayName: 'Petra Krämer (Poststelle)', grants: [{ role: 'poststelle', amtId: null }] };
const none: HotFolderStatus = { path: null, configured: null, running: false, lastTaken: null, waiting: 0, inProgress: 0, lastError: null };

describe('HotFolderPanel', () => {
  it('starts watching a folder, then shows path, state, last file, waiting files and the last error', async () => {
    let status = none;
    const { transport } = await renderAsUser(<HotFolderPanel />, post, {
      'intake.hotFolderStatus': () => status,
      'intake.watchHotFolder': ({ path }) => {
        if (path === '/gibt/es/nicht') throw refuse('intake.hot_folder_unusable', 'Der Eingangsordner „/gibt/es/nicht“ ist nicht erreichbar oder nicht beschreibbar.');
        status = {
          path,
          configured: null,
          running: true,
          lastTaken: { name: 'Scan 0042.pdf', at: '2026-11-23T09:15:00Z' },
          waiting: 3,
          inProgress: 1,
          lastError: { code: 'intake.empty_file', params: {}, message: 'Die Datei ist leer.', retryable: false, at: '2026-11-23T09:10:00Z' },
        };
        return status;
      },
    });
    const panel = await screen.findByRole('region', { name: 'Eingangsordner der Scanner' });
    await within(panel).findByText(/Es wird kein Eingangsordner überwacht/);
    const input = within(panel).getByLabelText('Pfad des Eingangsordners');
    fireEvent.change(input, { target: { value: '/gibt/es/nicht' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Überwachen' }));
    await within(panel).findByText(/nicht erreichbar oder nicht beschreibbar/);

    fireEvent.change(input, { target: { value: '/srv/scan/poststelle' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Überwachen' }));
    await within(panel).findByText('/srv/scan/poststelle');
    expect(transport.callsOf('intake.watchHotFolder').at(-1)).toEqual({ path: '/srv/scan/poststelle' });
    expect(within(panel).getByText('wird überwacht')).toBeTruthy();
    expect(panel.textContent).toContain(`Scan 0042.pdf (${formatDateTime('2026-11-23T09:15:00Z')})`);
    expect(panel.textContent).toContain('3 Dateien');
    expect(panel.textContent).toContain('1 Datei');
    expect(panel.textContent).toContain(`${formatDateTime('2026-11-23T09:10:00Z')}: Die Datei ist leer.`);
  });

  it('offers the folder the administrator configured', async () => {
    const { transport } = await renderAsUser(<HotFolderPanel />, post, {
      'intake.hotFolderStatus': () => ({ ...none, configured: '/srv/scan/petra' }),
      'intake.watchHotFolder': ({ path }) => ({ ...none, path, running: true }),
    });
    const panel = await screen.findByRole('region', { name: 'Eingangsordner der Scanner' });
    await within(panel).findByText('Von der IT-Administration vorgesehen: /srv/scan/petra');
    expect((within(panel).getByLabelText('Pfad des Eingangsordners') as HTMLInputElement).value).toBe('/srv/scan/petra');
    fireEvent.click(within(panel).getByRole('button', { name: 'Überwachen' }));
    await waitFor(() => expect(transport.callsOf('intake.watchHotFolder')).toEqual([{ path: '/srv/scan/petra' }]));
  });

  it('looks again when a job changes, and stops the watch on request', async () => {
    let status: HotFolderStatus = { ...none, path: '/srv/scan', running: true };
    const { transport } = await renderAsUser(<HotFolderPanel />, post, {
      'intake.hotFolderStatus': () => status,
      'intake.stopHotFolder': () => (status = none),
    });
    const panel = await screen.findByRole('region', { name: 'Eingangsordner der Scanner' });
    await within(panel).findByText('/srv/scan');
    status = { ...status, lastTaken: { name: 'neu.pdf', at: '2026-11-23T09:20:00Z' } };
    transport.emit({ type: 'records.changed', objectType: 'job', uuid: uuid() });
    await waitFor(() => expect(panel.textContent).toContain('neu.pdf'));
    fireEvent.click(within(panel).getByRole('button', { name: 'Überwachung beenden' }));
    await within(panel).findByText(/Es wird kein Eingangsordner überwacht/);
    expect(transport.callsOf('intake.stopHotFolder')).toHaveLength(1);
  });
});
