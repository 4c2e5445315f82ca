import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Akte, DocumentSummary } from '../../../contract/schemas/records';
import { akte, archivist, clerk21, documentSummary, uuid } from '../../test/data';
import type { Handlers } from '../../test/fake-transport';
import { refuse } from '../../test/fake-transport';
import { renderAsUser } from '../../test/render';
import { AktePage } from './AktePage';

function records(initial: Akte): Handlers {
  let current = initial;
  return {
    'akten.get': () => current,
    'vorgaenge.create': ({ title }) => {
      const v = { uuid: uuid(), aktenzeichen: `${current.aktenzeichen}-02`, title, createdAt: '2026-11-23T10:00:00+01:00', documentCount: 0 };
      current = { ...current, vorgaenge: [...current.vorgaenge, v] };
      return v;
    },
    'akten.markZda': () => (current = { ...current, status: 'zda', zdaAt: '2026-11-23' }),
    'akten.reopen': () => (current = { ...current, status: 'open', zdaAt: null }),
    'akten.setLegalHold': ({ reason }) => (current = { ...current, legalHold: reason }),
    'akten.liftLegalHold': () => (current = { ...current, legalHold: null }),
    'documents.list': () => ({ items: [], total: 0 }),
    'audit.forObject': () => [],
    'wiedervorlagen.list': () => [],
  };
}

const actions = () => screen.queryByRole('group', { name: 'Aktionen zur Akte' });

describe('AktePage', () => {
  it('closes an Akte (zdA) after confirmation; then only reopening is offered', async () => {
    const a = akte();
    const { transport } = await renderAsUser(<AktePage uuid={a.uuid} vorgangUuid={null} />, clerk21, records(a));
    await screen.findByRole('heading', { level: 1, name: a.title });
    fireEvent.click(within(actions()!).getByRole('button', { name: 'zdA verfügen' }));
    expect(screen.getByText(/Die Aufbewahrungsfrist von 10 Jahren beginnt/)).toBeTruthy();
    fireEvent.click(within(screen.getByRole('form', { name: 'Akte zu den Akten verfügen (zdA)' })).getByRole('button', { name: 'zdA verfügen' }));
    expect(await screen.findByText('Die Akte ist zdA verfügt.')).toBeTruthy();
    expect(transport.callsOf('akten.markZda')).toEqual([{ uuid: a.uuid }]);
    expect(within(actions()!).queryByRole('button', { name: 'Neuer Vorgang' })).toBeNull();
    expect(within(actions()!).getByRole('button', { name: 'Wiederaufnehmen' })).toBeTruthy();
    expect(screen.getAllByText('zdA').length).toBeGreaterThan(0);
  });

  it('reopens only with a reason', async () => {
    const a = akte({ status: 'zda', zdaAt: '2025-03-10' });
    const { transport } = await renderAsUser(<AktePage uuid={a.uuid} vorgangUuid={null} />, clerk21, records(a));
    fireEvent.click(within((await screen.findByRole('group', { name: 'Aktionen zur Akte' }))).getByRole('button', { name: 'Wiederaufnehmen' }));
    const reason = screen.getByLabelText('Begründung');
    expect(document.activeElement).toBe(reason);
    fireEvent.change(reason, { target: { value: 'Neue Forderung derselben Schuldnerin' } });
    fireEvent.submit(reason.closest('form')!);
    expect(await screen.findByText('Die Akte ist wieder offen.')).toBeTruthy();
    expect(transport.callsOf('akten.reopen')).toEqual([{ uuid: a.uuid, reason: 'Neue Forderung derselben Schuldnerin' }]);
  });

  it('sets a legal hold on a closed Akte with a reason, shows it, and lifts it again', async () => {
    const a = akte({ status: 'zda', zdaAt: '2014-03-10' });
    const { transport } = await renderAsUser(<AktePage uuid={a.uuid} vorgangUuid={null} />, clerk21, records(a));
    fireEvent.click(within(await screen.findByRole('group', { name: 'Aktionen zur Akte' })).getByRole('button', { name: 'Aufbewahrungssperre' }));
    const reason = screen.getByLabelText('Grund der Sperre');
    fireEvent.change(reason, { target: { value: 'Klage anhängig, VG 12 K 3456/24' } });
    fireEvent.submit(reason.closest('form')!);
    expect(await screen.findByText('Die Aufbewahrungssperre ist gesetzt.')).toBeTruthy();
    expect(screen.getByText('Klage anhängig, VG 12 K 3456/24')).toBeTruthy();
    expect(transport.callsOf('akten.setLegalHold')).toEqual([{ uuid: a.uuid, reason: 'Klage anhängig, VG 12 K 3456/24' }]);

    fireEvent.click(within(actions()!).getByRole('button', { name: 'Sperre aufheben' }));
    const why = screen.getByLabelText('Begründung');
    fireEvent.change(why, { target: { value: 'Verfahren abgeschlossen' } });
    fireEvent.submit(why.closest('form')!);
    expect(await screen.findByText('Die Aufbewahrungssperre ist aufgehoben.')).toBeTruthy();
    expect(transport.callsOf('akten.liftLegalHold')).toEqual([{ uuid: a.uuid, reason: 'Verfahren abgeschlossen' }]);
  });

  it('is read-only for the archive: no actions, but facts and persons', async () => {
    const a = akte({ status: 'zda', zdaAt: '2014-03-10' });
    await renderAsUser(<AktePage uuid={a.uuid} vorgangUuid={null} />, archivist, records(a));
    await screen.findByRole('heading', { level: 1, name: a.title });
    expect(actions()).toBeNull();
    expect(screen.getByText('Nur Lesezugriff')).toBeTruthy();
    expect(screen.getByText('Erika Beispiel')).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Wiedervorlagen' })).toBeNull();
  });

  it('shows a refused zdA with the core\'s message and keeps the form open', async () => {
    const a = akte();
    await renderAsUser(<AktePage uuid={a.uuid} vorgangUuid={null} />, clerk21, {
      ...records(a),
      'akten.markZda': () => {
        throw refuse('records.akte_closed', `Die Akte ${a.aktenzeichen} ist zu den Akten verfügt (zdA) und kann nicht geändert werden.`, false, 'R-ZDA');
      },
    });
    fireEvent.click(within((await screen.findByRole('group', { name: 'Aktionen zur Akte' }))).getByRole('button', { name: 'zdA verfügen' }));
    const form = screen.getByRole('form', { name: 'Akte zu den Akten verfügen (zdA)' });
    fireEvent.click(within(form).getByRole('button', { name: 'zdA verfügen' }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toContain('R-ZDA'));
  });

  it('adds a Vorgang and shows it selected', async () => {
    const a = akte();
    const { transport } = await renderAsUser(<AktePage uuid={a.uuid} vorgangUuid={null} />, clerk21, records(a));
    fireEvent.click(within(await screen.findByRole('group', { name: 'Aktionen zur Akte' })).getByRole('button', { name: 'Neuer Vorgang' }));
    fireEvent.change(screen.getByLabelText('Titel des Vorgangs'), { target: { value: 'Ratenzahlung' } });
    fireEvent.click(screen.getByRole('button', { name: 'Vorgang anlegen' }));
    expect(await screen.findByText('Vorgang angelegt.')).toBeTruthy();
    expect(transport.callsOf('vorgaenge.create')).toEqual([{ akteUuid: a.uuid, title: 'Ratenzahlung' }]);
    const created = await screen.findByRole('link', { name: /Ratenzahlung/ });
    await waitFor(() => expect(window.location.hash).toBe(created.getAttribute('href')));
  });

  it('writes a Vermerk into the selected Vorgang; the document list reloads on the change event', async () => {
    const a = akte();
    const v = a.vorgaenge[0]!;
    let docs: DocumentSummary[] = [];
    const { transport } = await renderAsUser(<AktePage uuid={a.uuid} vorgangUuid={null} />, clerk21, {
      ...records(a),
      'documents.list': () => ({ items: docs, total: docs.length }),
      'vermerke.create': ({ title }) => {
        const d = documentSummary({ title, docType: 'Vermerk', vorgangUuid: v.uuid, akteUuid: a.uuid });
        docs = [d];
        return { ...d, versions: [] };
      },
    });
    fireEvent.click(within(await screen.findByRole('group', { name: 'Aktionen zur Akte' })).getByRole('button', { name: 'Vermerk schreiben' }));
    fireEvent.change(screen.getByLabelText('Betreff'), { target: { value: 'Telefonvermerk' } });
    fireEvent.change(screen.getByLabelText('Text des Vermerks'), { target: { value: 'Schuldnerin zahlt bis Monatsende.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Vermerk ablegen' }));
    expect(await screen.findByText('Der Vermerk ist als Dokument im Vorgang abgelegt.')).toBeTruthy();
    expect(transport.callsOf('vermerke.create')).toEqual([{ vorgangUuid: v.uuid, title: 'Telefonvermerk', text: 'Schuldnerin zahlt bis Monatsende.' }]);
    act(() => transport.emit({ type: 'records.changed', objectType: 'document', uuid: docs[0]!.uuid }));
    expect(await screen.findByText('Telefonvermerk')).toBeTruthy();
  });

  it('marks a Wiedervorlage of the Akte as done', async () => {
    const a = akte();
    let done: string | null = null;
    const w = { uuid: uuid(), dueDate: '2026-11-20', note: 'Frist Drittschuldnererklärung prüfen', akteUuid: a.uuid, aktenzeichen: a.aktenzeichen, documentUuid: null, handedOnTo: null };
    const { transport } = await renderAsUser(<AktePage uuid={a.uuid} vorgangUuid={null} />, clerk21, {
      ...records(a),
      'wiedervorlagen.list': () => [{ ...w, doneAt: done }],
      'wiedervorlagen.complete': () => ({ ...w, doneAt: (done = '2026-11-23T10:00:00+01:00') }),
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Wiedervorlagen' }));
    fireEvent.click(await screen.findByRole('button', { name: /Wiedervorlage 20\.11\.2026 .* als erledigt markieren/ }));
    expect(await screen.findByText(/Erledigt 23\.11\.2026/)).toBeTruthy();
    expect(transport.callsOf('wiedervorlagen.complete')).toEqual([{ uuid: w.uuid }]);
  });
});
