import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '../../../contract/schemas/identity';
import { clerk21, documentSummary, uuid } from '../../test/data';
import { renderAsUser } from '../../test/render';
import { PosteingangList } from './PosteingangList';

const poststelle: User = {
  uuid: uuid(),
  username: 'poststelle',
  displayName: 'Petra Krämer (Poststelle)',
  grants: [{ role: 'poststelle', amtId: null }],
};

describe('PosteingangList', () => {
  it('lets the post room hand an unassigned letter to an Amt', async () => {
    let letter = documentSummary({
      title: 'Anfrage Sondernutzung Außengastronomie',
      status: 'eingang',
      amtId: null,
      aktenzeichen: null,
    });
    const { transport } = await renderAsUser(<PosteingangList />, poststelle, {
      'posteingang.list': () => ({ items: [letter], total: 1 }),
      'aemter.list': () => [
        { id: '21', name: 'Rechnungswesen/Steuern', behoerdenkennung: null },
        { id: '32', name: 'Bürger- und Ordnungsamt', behoerdenkennung: null },
      ],
      'posteingang.assignAmt': ({ uuid: u, amtId }) => {
        letter = { ...letter, amtId };
        return { ...letter, uuid: u, versions: [] };
      },
    });
    expect(await screen.findByText('nicht zugeordnet')).toBeTruthy();
    fireEvent.click(screen.getByText('Anfrage Sondernutzung Außengastronomie'));
    const amt = await screen.findByLabelText('Zuständiges Amt');
    await waitFor(() =>
      expect(screen.getByRole('option', { name: '32 Bürger- und Ordnungsamt' })).toBeTruthy(),
    );
    fireEvent.change(amt, { target: { value: '32' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zuleiten' }));
    expect(await screen.findByText('Amt 32')).toBeTruthy();
    expect(transport.callsOf('posteingang.assignAmt')).toEqual([{ uuid: letter.uuid, amtId: '32' }]);
    expect(screen.queryByRole('form', { name: /Einem Amt zuleiten/ })).toBeNull();
  });

  it('offers no hand-over to a clerk', async () => {
    const letter = documentSummary({ status: 'eingang' });
    await renderAsUser(<PosteingangList />, clerk21, {
      'posteingang.list': () => ({ items: [letter], total: 1 }),
    });
    fireEvent.click(await screen.findByText(letter.title));
    expect(screen.queryByLabelText('Zuständiges Amt')).toBeNull();
  });
});
