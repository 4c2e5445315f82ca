import { fireEvent, screen, waitFor } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { Mitzeichnung } from '../../../contract/schemas/workspace';
import { clerk21, uuid } from '../../test/data';
import { refuse } from '../../test/fake-transport';
import { renderAsUser } from '../../test/render';
import { MitzeichnungenPanel } from './MitzeichnungenPanel';

const request = (over: Partial<Mitzeichnung> = {}): Mitzeichnung => ({
  uuid: uuid(),
  documentUuid: uuid(),
  documentTitle: 'Pfändungs- und Einziehungsverfügung',
  aktenzeichen: '21.30.02-0001/2026',
  amtId: '21',
  requestedBy: 'Lena Vogel (Amt 21)',
  addresseeUuid: clerk21.uuid,
  addressee: clerk21.displayName,
  note: 'Bitte Betrag prüfen',
  status: 'offen',
  comment: null,
  createdAt: '2026-11-22T10:00:00+01:00',
  decidedAt: null,
  ...over,
});

describe('MitzeichnungenPanel', () => {
  it('lists open requests, needs a comment to reject, and refreshes when a new request arrives', async () => {
    let open = [request()];
    const sent = [
      request({
        documentTitle: 'Ratenplan Müller',
        addressee: 'Lena Vogel (Amt 21)',
        status: 'abgelehnt',
        comment: 'Rate zu niedrig',
      }),
    ];
    const { transport } = await renderAsUser(<MitzeichnungenPanel />, clerk21, {
      'mitzeichnungen.list': ({ scope }) => (scope === 'requested' ? sent : open),
      'mitzeichnungen.decide': ({ uuid: u, decision, comment }) => {
        if (decision === 'abgelehnt' && !comment)
          throw refuse('workspace.comment_required', 'Bitte begründen Sie die Ablehnung in einem Kommentar.');
        const done = { ...open.find((m) => m.uuid === u)!, status: decision, comment: comment ?? null };
        open = open.filter((m) => m.uuid !== u);
        return done;
      },
    });
    expect(await screen.findByText('Pfändungs- und Einziehungsverfügung')).toBeTruthy();
    expect(screen.getByText(/Bitte Betrag prüfen/)).toBeTruthy();
    // What became of the clerk's own request.
    expect((await screen.findByRole('link', { name: /Ratenplan Müller/ })).textContent).toContain(
      'abgelehnt – Rate zu niedrig',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Ablehnen' }));
    expect((await screen.findByRole('alert')).textContent).toContain('begründen');
    fireEvent.change(screen.getByLabelText('Kommentar (bei Ablehnung erforderlich)'), {
      target: { value: 'Betrag falsch' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Ablehnen' }));
    expect(await screen.findByText('Keine offenen Bitten um Mitzeichnung.')).toBeTruthy();
    expect(transport.callsOf('mitzeichnungen.decide').at(-1)).toMatchObject({
      decision: 'abgelehnt',
      comment: 'Betrag falsch',
    });

    open = [request({ documentTitle: 'Vermerk Ratenplan' })];
    act(() => transport.emit({ type: 'records.changed', objectType: 'mitzeichnung', uuid: open[0]!.uuid }));
    expect(await screen.findByText('Vermerk Ratenplan')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Mitzeichnen' }));
    await waitFor(() => expect(screen.queryByText('Vermerk Ratenplan')).toBeNull());
  });
});
