import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Akte, DocumentDetail } from '../../../../contract/schemas/records';
import type { Mitzeichnung } from '../../../../contract/schemas/workspace';
import { akte as makeAkte, clerk21, documentSummary, documentVersion, uuid } from '../../../test/data';
import { refuse, type Handlers } from '../../../test/fake-transport';
import { renderAsUser } from '../../../test/render';
import { DocumentPage } from '../DocumentPage';


function filed(over: Partial<Akte> = {}): { akte: Akte; doc: DocumentDetail } {
  const akte = makeAkte(over);
  const doc = { ...documentSummary({ akteUuid: akte.uuid, vorgangUuid: akte.vorgaenge[0]!.uuid }), versions: [documentVersion(1)] };
  return { akte, doc };
}

const open = (doc: DocumentDetail, akte: Akte, handlers: Handlers = {}) =>
  renderAsUser(<DocumentPage uuid={doc.uuid} />, clerk21, {
    'documents.get': () => doc,
    'akten.get': () => akte,
    'audit.forObject': () => [],
    'mitzeichnungen.list': () => [],
    ...handlers,
  });

/** The version the viewer shows, as the versions panel marks it. */
const shownVersion = () =>
  [...document.querySelectorAll('.version-list li')].find((li) => li.textContent?.includes('wird angezeigt'))?.querySelector('.cell-strong')?.textContent;

describe('document page: metadata, new version, live updates', () => {
  it('changes the metadata in the metadata panel, sending only the changed fields (an emptied one cleared)', async () => {
    const { akte, doc } = filed();
    const { transport } = await open(doc, akte, {
      'documents.update': ({ uuid: u, ...change }) => ({ ...doc, uuid: u, ...change }) as DocumentDetail,
    });
    const panel = await screen.findByRole('region', { name: 'Metadaten' });
    fireEvent.click(await within(panel).findByRole('button', { name: 'Angaben ändern' }));
    const form = screen.getByRole('form', { name: 'Angaben zum Dokument ändern' });
    fireEvent.change(within(form).getByLabelText('Titel'), { target: { value: 'Pfändungsverfügung (berichtigt)' } });
    fireEvent.change(within(form).getByLabelText('Absender'), { target: { value: '  ' } });
    fireEvent.change(within(form).getByLabelText('Datum des Schreibens'), { target: { value: '2026-03-05' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Speichern' }));
    await screen.findByText('Die Angaben wurden gespeichert.');
    expect(transport.callsOf('documents.update')).toEqual([
      { uuid: doc.uuid, title: 'Pfändungsverfügung (berichtigt)', sender: null, documentDate: '2026-03-05' },
    ]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Pfändungsverfügung (berichtigt)');
    expect(within(screen.getByRole('region', { name: 'Metadaten' })).getByText('05.03.2026')).toBeTruthy();
  });

  it('offers a new version but no metadata change under an Aufbewahrungssperre, and neither for a zdA Akte', async () => {
    const held = filed({ legalHold: 'Klageverfahren' });
    const first = await open(held.doc, held.akte);
    await screen.findByText(/Aufbewahrungssperre: die Angaben bleiben/);
    expect(screen.getByRole('button', { name: 'Neue Version hochladen' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Angaben ändern' })).toBeNull();
    first.unmount();

    const closed = filed({ status: 'zda', zdaAt: '2026-10-01' });
    await open(closed.doc, closed.akte);
    await screen.findByText(/zdA\): das Dokument kann nur gelesen werden/);
    expect(screen.queryByRole('button', { name: 'Neue Version hochladen' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Angaben ändern' })).toBeNull();
  });

  it('uploads a chosen file as a staged upload, then shows the new version; a refusal keeps the form with the German reason', async () => {
    const { akte, doc } = filed();
    const v2 = documentVersion(2, 'berichtigt.pdf');
    let refuseNext = true;
    const { transport } = await open(doc, akte, {
      'documents.addVersion': () => {
        if (refuseNext) {
          refuseNext = false;
          throw refuse('workspace.version_unsupported', 'Die Datei „notiz.txt“ ist weder ein PDF noch ein Bild (PNG, JPEG, TIFF).');
        }
        return { ...doc, versions: [...doc.versions, v2] };
      },
    });
    const staged: string[] = [];
    transport.stageFile = async (file) => {
      staged.push(file.name);
      return { uploadId: '00000000-0000-4000-8000-00000000f11e' };
    };
    fireEvent.click(await screen.findByRole('button', { name: 'Neue Version hochladen' }));
    const form = screen.getByRole('form', { name: /Neue Version hochladen/ });
    expect(form.textContent).toContain('wird Version 2');
    fireEvent.click(within(form).getByRole('button', { name: 'Hochladen' }));
    expect(within(form).getByRole('alert').textContent).toBe('Bitte wählen Sie eine Datei.');
    expect(staged).toEqual([]);

    const file = new File(['%PDF-1.7'], 'berichtigt.pdf', { type: 'application/pdf' });
    fireEvent.change(within(form).getByLabelText('Datei (PDF oder Bild)'), { target: { files: [file] } });
    fireEvent.click(within(form).getByRole('button', { name: 'Hochladen' }));
    await within(form).findByText(/weder ein PDF noch ein Bild/);
    fireEvent.click(within(form).getByRole('button', { name: 'Hochladen' }));
    await screen.findByText('Version 2 wurde gespeichert und wird angezeigt.');
    expect(screen.queryByRole('form', { name: /Neue Version hochladen/ })).toBeNull();
    expect(transport.callsOf('documents.addVersion').at(-1)).toEqual({ uuid: doc.uuid, upload: '00000000-0000-4000-8000-00000000f11e' });
    expect(staged).toEqual(['berichtigt.pdf', 'berichtigt.pdf']);
    expect(document.querySelector('#doc-preview-title .panel-subtitle')?.textContent?.trim()).toBe('berichtigt.pdf');
    expect(shownVersion()).toBe('Version 2');
  });

  it('reloads only for a change of this document, and shows a version signed elsewhere', async () => {
    const { akte, doc } = filed();
    let current = doc;
    const { transport } = await open(doc, akte, { 'documents.get': () => current });
    await screen.findByRole('region', { name: 'Versionen' });
    transport.emit({ type: 'records.changed', objectType: 'document', uuid: uuid() });
    transport.emit({ type: 'records.changed', objectType: 'akte', uuid: doc.uuid });
    await new Promise((r) => setTimeout(r, 400));
    expect(transport.callsOf('documents.get')).toHaveLength(1);

    const audits = transport.callsOf('audit.forObject').length;
    current = { ...doc, versions: [...doc.versions, documentVersion(2, 'signiert.pdf')] };
    transport.emit({ type: 'records.changed', objectType: 'document', uuid: doc.uuid });
    await waitFor(() => expect(shownVersion()).toBe('Version 2'));
    expect(transport.callsOf('documents.get')).toHaveLength(2);
    // The audit trail of the document follows too.
    await waitFor(() => expect(transport.callsOf('audit.forObject')).toHaveLength(audits + 1));
  });
});

describe('document page: Mitzeichnung status', () => {
  const request = (over: Partial<Mitzeichnung>): Mitzeichnung => ({
    uuid: uuid(),
    documentUuid: uuid(),
    documentTitle: 'Bescheid',
    aktenzeichen: '21.30.02-0001/2026',
    amtId: '21',
    requestedBy: 'Murat Yıldız (Amt 21)',
    addresseeUuid: uuid(),
    addressee: 'Lena Vogel (Amt 21)',
    note: '',
    status: 'offen',
    comment: null,
    createdAt: '2026-11-20T10:00:00Z',
    decidedAt: null,
    ...over,
  });

  it('shows who asked whom, open, agreed and refused with the reason, and follows decisions as they happen', async () => {
    const { akte, doc } = filed();
    let list = [request({ note: 'Bitte bis Freitag' })];
    const { transport } = await open(doc, akte, { 'mitzeichnungen.list': () => list });
    const panel = await screen.findByRole('region', { name: 'Mitzeichnung' });
    const item = await within(panel).findByRole('listitem');
    expect(item.textContent).toContain('Murat Yıldız (Amt 21) hat Lena Vogel (Amt 21) um Mitzeichnung gebeten');
    expect(item.textContent).toContain('offen');
    expect(item.textContent).toContain('Bitte bis Freitag');
    expect(transport.callsOf('mitzeichnungen.list')).toEqual([{ scope: 'document', documentUuid: doc.uuid }]);

    list = [
      request({ addressee: 'Jonas Wirth (Amt 21)', status: 'abgelehnt', comment: 'Betrag falsch berechnet', decidedAt: '2026-11-21T08:00:00Z' }),
      request({ status: 'mitgezeichnet', decidedAt: '2026-11-20T15:00:00Z' }),
    ];
    transport.emit({ type: 'records.changed', objectType: 'mitzeichnung', uuid: list[0]!.uuid });
    await waitFor(() => expect(within(panel).getAllByRole('listitem')).toHaveLength(2));
    const [refused, agreed] = within(panel).getAllByRole('listitem');
    expect(within(refused!).getByText('abgelehnt').className).toContain('badge-mz-abgelehnt');
    expect(refused!.textContent).toContain('Begründung der Ablehnung');
    expect(refused!.textContent).toContain('Betrag falsch berechnet');
    expect(within(agreed!).getByText('mitgezeichnet')).toBeTruthy();
  });

  it('asks a colleague for this very document from the panel, then lists the request', async () => {
    const { akte, doc } = filed();
    const lena = { uuid: uuid(), displayName: 'Lena Vogel (Amt 21)', amtId: '21' };
    let list: Mitzeichnung[] = [];
    const { transport } = await open(doc, akte, {
      'mitzeichnungen.list': () => list,
      'colleagues.list': () => [lena],
      'mitzeichnungen.request': ({ addresseeUuid, note }) => {
        const m = request({ documentUuid: doc.uuid, addresseeUuid, addressee: lena.displayName, note: note ?? '' });
        list = [m];
        return m;
      },
    });
    const panel = await screen.findByRole('region', { name: 'Mitzeichnung' });
    fireEvent.click(await within(panel).findByRole('button', { name: 'Mitzeichnung erbitten' }));
    const form = screen.getByRole('form', { name: 'Mitzeichnung erbitten' });
    // The document is this one: no choice of document.
    expect(within(form).queryByLabelText('Dokument')).toBeNull();
    const who = within(form).getByLabelText('Mitzeichnen soll');
    await waitFor(() => expect(within(who).getByRole('option', { name: 'Lena Vogel (Amt 21)' })).toBeTruthy());
    fireEvent.change(who, { target: { value: lena.uuid } });
    fireEvent.change(within(form).getByLabelText('Hinweis zur Mitzeichnung'), { target: { value: 'Bitte bis Freitag' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Mitzeichnung erbitten' }));
    await screen.findByText('Murat Yıldız (Amt 21) hat Lena Vogel (Amt 21) um Mitzeichnung gebeten');
    expect(transport.callsOf('mitzeichnungen.request')).toEqual([{ documentUuid: doc.uuid, addresseeUuid: lena.uuid, note: 'Bitte bis Freitag' }]);
  });

  it('says when none was asked for', async () => {
    const { akte, doc } = filed();
    await open(doc, akte);
    await screen.findByText('Für dieses Dokument wurde keine Mitzeichnung erbeten.');
  });
});
