import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { clerk21, documentSummary } from '../../test/data';
import { renderAsUser } from '../../test/render';
import { AssignAmtForm } from './AssignAmtForm';

describe('AssignAmtForm (forward)', () => {
  it('lets a clerk forward a letter to another Amt only, with a reason', async () => {
    const letter = documentSummary({ title: 'Klage gegen Bescheid', status: 'eingang', amtId: '21' });
    let done = 0;
    const { transport } = await renderAsUser(
      <AssignAmtForm document={letter} forward onDone={() => done++} onCancel={() => undefined} />,
      clerk21,
      {
        'aemter.list': () => [
          { id: '21', name: 'Rechnungswesen/Steuern', behoerdenkennung: null },
          { id: '30', name: 'Rechtsamt', behoerdenkennung: null },
        ],
        'posteingang.forward': () => ({ ok: true }),
      },
    );
    await waitFor(() => expect(screen.getByRole('option', { name: '30 Rechtsamt' })).toBeTruthy());
    expect(screen.queryByRole('option', { name: '21 Rechnungswesen/Steuern' })).toBeNull(); // not to itself
    fireEvent.change(screen.getByLabelText('Zuständiges Amt'), { target: { value: '30' } });
    fireEvent.change(screen.getByLabelText('Grund (wird im Protokoll festgehalten)'), { target: { value: 'Klage, zuständig Rechtsamt' } });
    fireEvent.click(screen.getByRole('button', { name: 'Weiterleiten' }));
    await waitFor(() => expect(done).toBe(1));
    expect(transport.callsOf('posteingang.forward')).toEqual([{ uuid: letter.uuid, amtId: '30', reason: 'Klage, zuständig Rechtsamt' }]);
  });
});
