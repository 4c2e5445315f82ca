import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AktenplanEntry } from '../../../contract/schemas/records';
import { akte, clerk21, uuid } from '../../test/data';
import { freshDb, renderAsUser } from '../../test/render';
import { NewAkteForm } from './NewAkteForm';

const leaf: AktenplanEntry = {
  uuid: uuid(),
  number: '21.30.02',
  title: 'Forderungspfändungen',
  parentUuid: null,
  amtId: '21',
  retentionYears: 10,
  archivalHint: 'V',
  isLeaf: true,
};

const draftRows = async (db: ReturnType<typeof freshDb>) => (await db.drafts.toArray()).map((r) => ({ key: r.key, value: r.value }));

describe('NewAkteForm drafts', () => {
  it('keeps unfinished input in IndexedDB and restores it when the form comes back (reload)', async () => {
    const db = freshDb();
    const first = await renderAsUser(<NewAkteForm entry={leaf} onDone={() => undefined} onCancel={() => undefined} />, clerk21, {}, db);
    fireEvent.change(screen.getByLabelText('Titel der Akte'), { target: { value: 'Vollstreckung Erika Beispiel' } });
    fireEvent.click(screen.getByRole('button', { name: 'Person hinzufügen' }));
    fireEvent.change(screen.getByLabelText('Name (Person 1)'), { target: { value: 'Erika Beispiel' } });
    await waitFor(async () =>
      expect(await draftRows(db)).toEqual([
        {
          key: `sb21|akte.create:${leaf.uuid}`,
          value: { title: 'Vollstreckung Erika Beispiel', firstVorgangTitle: '', persons: [{ role: '', name: 'Erika Beispiel', birthDate: '' }] },
        },
      ]),
    );
    first.unmount();

    await renderAsUser(<NewAkteForm entry={leaf} onDone={() => undefined} onCancel={() => undefined} />, clerk21, {}, db);
    expect(await screen.findByText('Entwurf wiederhergestellt.')).toBeTruthy();
    expect((screen.getByLabelText('Titel der Akte') as HTMLInputElement).value).toBe('Vollstreckung Erika Beispiel');
    expect((screen.getByLabelText('Name (Person 1)') as HTMLInputElement).value).toBe('Erika Beispiel');
  });

  it('saves input typed just before the form closes', async () => {
    const db = freshDb();
    const r = await renderAsUser(<NewAkteForm entry={leaf} onDone={() => undefined} onCancel={() => undefined} />, clerk21, {}, db);
    fireEvent.change(screen.getByLabelText('Titel der Akte'), { target: { value: 'Eilig' } });
    r.unmount();
    await waitFor(async () => expect((await draftRows(db)).map((d) => (d.value as { title: string }).title)).toEqual(['Eilig']));
  });

  it('creates the Akte with the entered persons and then forgets the draft', async () => {
    const db = freshDb();
    const created = akte({ title: 'Vollstreckung Erika Beispiel' });
    const onDone = vi.fn();
    const { transport } = await renderAsUser(<NewAkteForm entry={leaf} onDone={onDone} onCancel={() => undefined} />, clerk21, { 'akten.create': () => created }, db);
    fireEvent.change(screen.getByLabelText('Titel der Akte'), { target: { value: 'Vollstreckung Erika Beispiel' } });
    fireEvent.change(screen.getByLabelText('Erster Vorgang (optional)'), { target: { value: 'Beitreibung Grundsteuer B' } });
    fireEvent.click(screen.getByRole('button', { name: 'Person hinzufügen' }));
    fireEvent.change(screen.getByLabelText('Rolle (Person 1)'), { target: { value: 'Schuldner/in' } });
    fireEvent.change(screen.getByLabelText('Name (Person 1)'), { target: { value: 'Erika Beispiel' } });
    fireEvent.change(screen.getByLabelText('Geburtsdatum (Person 1)'), { target: { value: '1970-05-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Person hinzufügen' })); // an empty row is not sent
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    fireEvent.click(screen.getByRole('button', { name: 'Akte anlegen' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(created));
    expect(transport.callsOf('akten.create')).toEqual([
      {
        aktenplanEntryUuid: leaf.uuid,
        title: 'Vollstreckung Erika Beispiel',
        firstVorgangTitle: 'Beitreibung Grundsteuer B',
        persons: [{ role: 'Schuldner/in', name: 'Erika Beispiel', birthDate: '1970-05-01' }],
      },
    ]);
    await waitFor(async () => expect(await db.drafts.count()).toBe(0));
  });
});
