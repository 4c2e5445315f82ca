import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SavedSearch } from '../../../contract/schemas/workspace';
import { clerk21, uuid } from '../../test/data';
import { refuse } from '../../test/fake-transport';
import { renderAsUser } from '../../test/render';
import { SavedSearches } from './SavedSearches';

describe('SavedSearches', () => {
  it('saves the current query with its filters, links to it and deletes it', async () => {
    let stored: SavedSearch[] = [];
    const { transport } = await renderAsUser(
      <SavedSearches params={{ q: 'Ratenzahlung', amtId: '21', status: 'abgelegt' }} />,
      clerk21,
      {
        'savedSearches.list': () => stored,
        'savedSearches.save': ({ name, q, filters }) => {
          if (stored.some((s) => s.name === name))
            throw refuse(
              'workspace.saved_search_exists',
              `Eine gespeicherte Suche mit dem Namen „${name}“ gibt es bereits.`,
            );
          const s = { uuid: uuid(), name, q, filters: filters ?? {}, createdAt: '2026-11-23T10:00:00+01:00' };
          stored = [...stored, s];
          return s;
        },
        'savedSearches.delete': ({ uuid: u }) => {
          stored = stored.filter((s) => s.uuid !== u);
          return { ok: true };
        },
      },
    );
    expect(await screen.findByText('Noch keine gespeicherten Suchen.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Name der Suche'), { target: { value: 'Raten 21' } });
    fireEvent.click(screen.getByRole('button', { name: 'Suche speichern' }));
    const link = await screen.findByRole('link', { name: /Raten 21/ });
    expect(link.getAttribute('href')).toContain('q=Ratenzahlung');
    expect(link.getAttribute('href')).toContain('amt=21');
    expect(transport.callsOf('savedSearches.save')).toEqual([
      { name: 'Raten 21', q: 'Ratenzahlung', filters: { amtId: '21', status: 'abgelegt' } },
    ]);

    fireEvent.change(screen.getByLabelText('Name der Suche'), { target: { value: 'Raten 21' } });
    fireEvent.click(screen.getByRole('button', { name: 'Suche speichern' }));
    expect((await screen.findByRole('alert')).textContent).toContain('gibt es bereits');

    fireEvent.click(screen.getByRole('button', { name: 'Gespeicherte Suche „Raten 21“ löschen' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: /Raten 21/ })).toBeNull());
    expect(transport.callsOf('savedSearches.delete')).toHaveLength(1);
  });

  it('offers no saving without a query', async () => {
    await renderAsUser(<SavedSearches params={{ q: '' }} />, clerk21, { 'savedSearches.list': () => [] });
    await screen.findByText('Noch keine gespeicherten Suchen.');
    expect(screen.queryByRole('button', { name: 'Suche speichern' })).toBeNull();
  });
});
