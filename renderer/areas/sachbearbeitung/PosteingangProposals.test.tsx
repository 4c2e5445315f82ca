import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../contract/methods';
import type { DocumentDetail } from '../../../contract/schemas/records';
import { clerk21, documentSummary, uuid } from '../../test/data';
import { renderAsUser } from '../../test/render';
import { PosteingangProposals, type Filed } from './PosteingangProposals';

const kz = '210-2025-999510';
const text = `Antrag auf Ratenzahlung\nZum Kassenzeichen ${kz} bitte ich um monatliche Raten. Die Forderung begleiche ich bis zum 15.12.2026.`;
const start = text.indexOf(kz);
const akteA = uuid();
const vorgangA = uuid();
const akteB = uuid();
const vorgangB = uuid();
const doc: DocumentDetail = { ...documentSummary({ title: 'Antrag auf Ratenzahlung', amtId: '21' }), versions: [] };

const proposal: MethodOutput<'classify.proposal'> = {
  documentUuid: doc.uuid,
  amtId: '21',
  text,
  references: [
    { type: 'kassenzeichen', value: kz, raw: kz, start, end: start + kz.length, page: 1, confidence: 0.99 },
    { type: 'deadline', value: '2026-12-15', raw: 'bis zum 15.12.2026', start: text.indexOf('bis zum'), end: text.length - 1, page: 1, confidence: 0.9 },
  ],
  candidates: [
    {
      kind: 'akte', akteUuid: akteA, aktenzeichen: '21.30.02-0003/2025', vorgangUuid: vorgangA, aktenplanNumber: '21.30.02',
      title: 'Vollstreckung Popescu', confidence: 0.96, reasons: [{ kind: 'reference', type: 'kassenzeichen', value: kz, start, end: start + kz.length }],
    },
    {
      kind: 'akte', akteUuid: akteB, aktenzeichen: '21.20.02-0001/2026', vorgangUuid: vorgangB, aktenplanNumber: '21.20.02',
      title: 'Ratenzahlungen 2026', confidence: 0.03, reasons: [{ kind: 'word', word: 'raten', weight: 0.4 }],
    },
  ],
  documentTypes: [],
  decidedBy: 'reference',
  needsReview: false,
  autoFile: false,
  autoFiling: { enabled: false, threshold: null, reason: 'not_enough_history', outcomes: 0 },
  model: { trainedAt: '2026-11-23T08:00:00Z', examples: 40 },
};

async function renderPanel() {
  const filed: Filed[] = [];
  const r = await renderAsUser(<PosteingangProposals doc={doc} proposal={proposal} onFiled={(f) => filed.push(f)} />, clerk21, {
    'classify.accept': ({ uuid: u, vorgangUuid }) => ({
      documentUuid: u, vorgangUuid: vorgangUuid!, correct: vorgangUuid === vorgangA, autoFiling: proposal.autoFiling,
    }),
    'documents.get': () => ({ ...doc, status: 'abgelegt' }),
    'vorgaenge.create': ({ akteUuid, title }) => ({
      uuid: vorgangB, akteUuid, aktenzeichen: '21.20.02-0001/2026-02', title, createdAt: '2026-11-23T09:00:00Z', documentCount: 0,
    } as MethodOutput<'vorgaenge.create'>),
    'akten.list': () => ({ items: [], total: 0 }),
    'wiedervorlagen.create': ({ dueDate }) => ({ dueDate } as MethodOutput<'wiedervorlagen.create'>),
  });
  await screen.findByRole('group', { name: 'Vorschläge (Taste 1, 2 oder 3)' });
  return { ...r, filed };
}

describe('PosteingangProposals', () => {
  it('marks the reason of the chosen proposal in the text and takes proposal 1 with Enter', async () => {
    const { transport, filed } = await renderPanel();
    expect([...document.querySelectorAll('.posteingang-text mark')].map((m) => m.textContent)).toEqual([kz]);
    fireEvent.keyDown(document.body, { key: 'Enter' });
    await waitFor(() => expect(filed).toHaveLength(1));
    expect(transport.callsOf('classify.accept')).toEqual([{ uuid: doc.uuid, vorgangUuid: vorgangA }]);
    expect(filed[0]!.corrected).toBe(false);
  });

  it('chooses proposal 2 by key, marks its words instead, and files there as a correction', async () => {
    const { transport, filed } = await renderPanel();
    fireEvent.keyDown(document.body, { key: '2' });
    const second = screen.getAllByRole('radio')[1] as HTMLInputElement;
    await waitFor(() => expect(second.checked).toBe(true));
    expect(document.activeElement).toBe(second);
    expect([...document.querySelectorAll('.posteingang-text mark')].map((m) => m.textContent)).toEqual(['Raten']);
    fireEvent.keyDown(second, { key: 'Enter' });
    await waitFor(() => expect(filed).toHaveLength(1));
    expect(transport.callsOf('classify.accept')).toEqual([{ uuid: doc.uuid, vorgangUuid: vorgangB }]);
    expect(filed[0]!.corrected).toBe(true);
  });

  it('leaves Enter in text fields alone, and files into a new Vorgang of the proposed Akte', async () => {
    const { transport, filed } = await renderPanel();
    const title = screen.getByLabelText('Titel eines neuen Vorgangs in 21.30.02-0003/2025');
    fireEvent.change(title, { target: { value: 'Ratenzahlung 2026' } });
    fireEvent.keyDown(title, { key: 'Enter' });
    expect(transport.callsOf('classify.accept')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Neuen Vorgang anlegen und ablegen' }));
    await waitFor(() => expect(filed).toHaveLength(1));
    expect(transport.callsOf('vorgaenge.create')).toEqual([{ akteUuid: akteA, title: 'Ratenzahlung 2026' }]);
    expect(transport.callsOf('classify.accept')).toEqual([{ uuid: doc.uuid, vorgangUuid: vorgangB }]);
  });

  it('offers a Wiedervorlage at the deadline read from the letter', async () => {
    const { transport } = await renderPanel();
    expect(screen.getByText(/Frist laut Schreiben: 15\.12\.2026/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Wiedervorlage zur Frist anlegen' }));
    await screen.findByText('Wiedervorlage zum 15.12.2026 angelegt.');
    expect(transport.callsOf('wiedervorlagen.create')).toEqual([{ documentUuid: doc.uuid, dueDate: '2026-12-15', note: 'Frist aus dem Eingangsschreiben' }]);
  });
});
