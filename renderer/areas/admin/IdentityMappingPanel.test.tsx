import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '../../../contract/schemas/identity';
import { uuid } from '../../test/data';
import { refuse } from '../../test/fake-transport';
import { renderAsUser } from '../../test/render';
import { IdentityMappingPanel } from './IdentityMappingPanel';

const admin: User = { uuid: uuid(), username: 'admin', displayName: 'IT-Administration', grants: [{ role: 'admin', amtId: null }] };
const clerk = uuid();

describe('identity mapping on the admin page', () => {
  it('lists the group rules and the audited role changes in German', async () => {
    await renderAsUser(<IdentityMappingPanel />, admin, {
      'admin.identityMapping': () => ({
        source: 'os',
        groupRoles: [
          { group: 'GG-eAkte-Amt21', role: 'sachbearbeitung', amt: '21' },
          { group: 'GG-eAkte-IT', role: 'admin', amt: null },
        ],
        changes: [{ seq: 42, at: '2026-11-23T08:00:00Z', userUuid: clerk, before: [{ role: 'sachbearbeitung', amtId: '21' }], after: [] }],
      }),
    });
    const rules = await screen.findByRole('table', { name: 'Gruppenregeln aus der Konfigurationsdatei' });
    expect(within(rules).getByRole('row', { name: /GG-eAkte-Amt21 Sachbearbeitung \(Amt 21\)/ })).toBeTruthy();
    expect(within(rules).getByRole('row', { name: /GG-eAkte-IT IT-Administration/ })).toBeTruthy();
    const changes = screen.getByRole('table', { name: /Protokollierte Rollenänderungen/ });
    expect(within(changes).getByRole('row', { name: /42 .* Sachbearbeitung \(Amt 21\) keine/ })).toBeTruthy();
  });

  it('says when there are no rules and no changes', async () => {
    await renderAsUser(<IdentityMappingPanel />, admin, {
      'admin.identityMapping': () => ({ source: 'os', groupRoles: [], changes: [] }),
    });
    expect(await screen.findByText(/keine Gruppenregeln konfiguriert/)).toBeTruthy();
    expect(screen.getByText('Keine Rollenänderungen protokolliert.')).toBeTruthy();
  });

  it('shows a refused call as a German error', async () => {
    await renderAsUser(<IdentityMappingPanel />, admin, {
      'admin.identityMapping': () => {
        throw refuse('access.denied', 'Dafür fehlt Ihnen die Berechtigung.');
      },
    });
    expect(await screen.findByText(/Dafür fehlt Ihnen die Berechtigung/)).toBeTruthy();
  });
});
