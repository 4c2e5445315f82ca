import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../../contract/schemas/records';
import { akte, akteSummary, clerk21, documentSummary, uuid } from '../../test/data';
import { refuse } from '../../test/fake-transport';
import { renderAsUser } from '../../test/render';
import { AkteneinsichtPanel } from './AkteneinsichtPanel';
import { MitzeichnungForm } from './MitzeichnungForm';
import { MoveDocumentForm } from './MoveDocumentForm';

const detail = (over: Partial<DocumentDetail> = {}): DocumentDetail => ({
  ...documentSummary(over),
  versions: [],
  ...over,
});

describe('case work forms', () => {
  it('moves the chosen document into a Vorgang of another open Akte found by Aktenzeichen', async () => {
    const a = akte();
    const v = a.vorgaenge[0]!;
    const doc = documentSummary({ vorgangUuid: v.uuid, akteUuid: a.uuid });
    const other = akte({ aktenzeichen: '21.30.02-0007/2026', title: 'Zweitakte' });
    let done: DocumentDetail | null = null;
    const { transport } = await renderAsUser(
      <MoveDocumentForm akte={a} vorgang={v} onCancel={() => undefined} onDone={(d) => (done = d)} />,
      clerk21,
      {
        'documents.list': () => ({ items: [doc], total: 1 }),
        'akten.list': ({ text }) => ({ items: text ? [akteSummary({ ...other })] : [], total: text ? 1 : 0 }),
        'akten.get': ({ uuid: u }) => (u === other.uuid ? other : a),
        'documents.move': ({ uuid: u, vorgangUuid }) =>
          detail({ uuid: u, vorgangUuid, akteUuid: other.uuid, aktenzeichen: other.aktenzeichen }),
      },
    );
    fireEvent.change(await screen.findByLabelText('Dokument'), { target: { value: doc.uuid } });
    fireEvent.change(screen.getByLabelText('Ziel-Akte (Aktenzeichen oder Titel)'), {
      target: { value: '0007' },
    });
    const akteSelect = await screen.findByLabelText('Passende offene Akten');
    await waitFor(() => expect(within(akteSelect).getByRole('option', { name: /Zweitakte/ })).toBeTruthy());
    fireEvent.change(akteSelect, { target: { value: other.uuid } });
    const target = other.vorgaenge[0]!;
    await waitFor(() =>
      expect(
        within(screen.getByLabelText('Ziel-Vorgang')).getByRole('option', { name: new RegExp(target.title) }),
      ).toBeTruthy(),
    );
    fireEvent.change(screen.getByLabelText('Ziel-Vorgang'), { target: { value: target.uuid } });
    fireEvent.click(screen.getByRole('button', { name: 'Umlegen' }));
    await waitFor(() => expect(done).not.toBeNull());
    expect(transport.callsOf('documents.move')).toEqual([{ uuid: doc.uuid, vorgangUuid: target.uuid }]);
    // The search asked only for open Akten of the same Amt.
    expect(transport.callsOf('akten.list').at(-1)).toMatchObject({
      amtId: '21',
      status: 'open',
      text: '0007',
    });
  });

  it('offers only colleagues of the Amt for a Mitzeichnung and shows the core’s refusal', async () => {
    const a = akte();
    const doc = documentSummary({ vorgangUuid: a.vorgaenge[0]!.uuid });
    const lena = { uuid: uuid(), displayName: 'Lena Vogel (Amt 21)', amtId: '21' };
    const { transport } = await renderAsUser(
      <MitzeichnungForm vorgang={a.vorgaenge[0]!} onCancel={() => undefined} onDone={() => undefined} />,
      clerk21,
      {
        'documents.list': () => ({ items: [doc], total: 1 }),
        'colleagues.list': () => [lena],
        'mitzeichnungen.request': () => {
          throw refuse(
            'workspace.not_colleague',
            'Mitzeichnen kann nur eine andere Sachbearbeiterin oder ein anderer Sachbearbeiter desselben Amtes.',
          );
        },
      },
    );
    fireEvent.change(await screen.findByLabelText('Dokument'), { target: { value: doc.uuid } });
    const who = await screen.findByLabelText('Mitzeichnen soll');
    await waitFor(() =>
      expect(
        within(who)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Kollegin oder Kollegen wählen', lena.displayName]),
    );
    fireEvent.change(who, { target: { value: lena.uuid } });
    fireEvent.change(screen.getByLabelText('Hinweis zur Mitzeichnung'), {
      target: { value: 'Bitte bis Freitag' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Mitzeichnung erbitten' }));
    expect((await screen.findByRole('alert')).textContent).toContain('desselben Amtes');
    expect(transport.callsOf('mitzeichnungen.request')).toEqual([
      { documentUuid: doc.uuid, addresseeUuid: lena.uuid, note: 'Bitte bis Freitag' },
    ]);
  });

  it('exports a selection for Akteneinsicht in the order clicked and offers the PDF for download', async () => {
    const a = akte();
    const d1 = documentSummary({ title: 'Mahnung vom März' });
    const d2 = documentSummary({ title: 'Antrag auf Ratenzahlung' });
    const created: Blob[] = [];
    URL.createObjectURL = (b: Blob) => {
      created.push(b);
      return `blob:test/${created.length}`;
    };
    URL.revokeObjectURL = () => undefined;
    const { transport } = await renderAsUser(
      <AkteneinsichtPanel akte={a} onCancel={() => undefined} />,
      clerk21,
      {
        'documents.list': () => ({ items: [d1, d2], total: 2 }),
        'akteneinsicht.export': ({ documentUuids }) => ({
          fileName: 'Akteneinsicht-21.30.02-0001_2026.pdf',
          base64: btoa('%PDF-1.7 test'),
          pageCount: 4,
          documentCount: documentUuids?.length ?? 2,
        }),
      },
    );
    fireEvent.click(screen.getByLabelText('Auswahl von Dokumenten'));
    fireEvent.click(screen.getByRole('button', { name: 'PDF erstellen' }));
    expect(await screen.findByText('Bitte wählen Sie mindestens ein Dokument.')).toBeTruthy();
    expect(transport.callsOf('akteneinsicht.export')).toEqual([]);
    fireEvent.click(await screen.findByLabelText(/Antrag auf Ratenzahlung/));
    fireEvent.click(screen.getByLabelText(/Mahnung vom März/));
    fireEvent.click(screen.getByRole('button', { name: 'PDF erstellen' }));
    const link = await screen.findByRole('link', {
      name: 'Akteneinsicht-21.30.02-0001_2026.pdf herunterladen',
    });
    expect(link.getAttribute('download')).toBe('Akteneinsicht-21.30.02-0001_2026.pdf');
    expect(link.getAttribute('href')).toBe('blob:test/1');
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(created[0]!);
    });
    expect(text).toBe('%PDF-1.7 test');
    expect(created[0]!.type).toBe('application/pdf');
    expect(screen.getByText(/2 Dokumente, 4 Seiten/)).toBeTruthy();
    expect(transport.callsOf('akteneinsicht.export')).toEqual([
      { akteUuid: a.uuid, documentUuids: [d2.uuid, d1.uuid] },
    ]);
  });
});
