import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AussonderungDetail, ExpiringAkte } from '../../../../contract/methods/aussonderung';
import { archivist, uuid } from '../../../test/data';
import { refuse, type Handlers } from '../../../test/fake-transport';
import { renderAsUser } from '../../../test/render';
import { AussonderungDetailView } from './AussonderungDetail';
import { AussonderungPage } from './AussonderungPage';

function expiring(over: Partial<ExpiringAkte> = {}): ExpiringAkte {
  return {
    uuid: uuid(),
    aktenzeichen: '21.30.02-0001/2010',
    title: 'Vollstreckung Olena Hoffmann',
    amtId: '21',
    aktenplanNumber: '21.30.02',
    aktenplanTitle: 'Forderungspfändungen',
    zdaAt: '2011-03-16',
    retentionYears: 10,
    expiresOn: '2022-01-01',
    archivalHint: 'V',
    legalHold: null,
    prozessId: null,
    ...over,
  };
}

function detail(over: Partial<AussonderungDetail> = {}): AussonderungDetail {
  return {
    prozessId: '11111111-2222-4333-8444-555555555555',
    amtId: '21',
    state: 'offered',
    createdAt: '2026-11-23T10:00:00Z',
    createdBy: 'archiv',
    akten: 2,
    decisions: { A: 0, B: 0, V: 0, open: 2 },
    deleted: 0,
    objects: [
      { akteUuid: uuid(), aktenzeichen: '21.30.02-0001/2010', archivalHint: 'V', decision: null, selected: false, importOk: null, archiveId: null, importError: null, legalHold: null, deletedAt: null },
      { akteUuid: uuid(), aktenzeichen: '21.30.02-0001/2012', archivalHint: 'B', decision: null, selected: false, importOk: null, archiveId: null, importError: null, legalHold: null, deletedAt: null },
    ],
    messages: [{ type: '0501', direction: 'out', createdAt: '2026-11-23T10:00:00Z', recordedAt: '2026-11-23T10:00:00Z', sha256: 'a'.repeat(64) }],
    files: [],
    ...over,
  };
}

const summaryOf = (d: AussonderungDetail) => {
  const { objects: _o, messages: _m, files: _f, ...s } = d;
  return s;
};

describe('Aussonderung: expiring Akten', () => {
  it('lists Akten with a legal hold, which cannot be chosen, and offers the chosen ones (0501)', async () => {
    const free = expiring();
    const held = expiring({ aktenzeichen: '21.30.02-0002/2010', legalHold: 'Klage vor dem VG anhängig' });
    const offered = expiring({ aktenzeichen: '21.30.02-0003/2010', prozessId: uuid() });
    const d = detail();
    const handlers: Handlers = {
      'aussonderung.listExpiring': () => [free, held, offered],
      'aussonderung.list': () => [],
      'aussonderung.createOffer': () => ({ aussonderung: { ...d, akten: 1 }, offer: { path: '/tmp/0501.zip', size: 10, sha256: 'b'.repeat(64) } }),
    };
    const { transport } = await renderAsUser(<AussonderungPage prozessId={null} />, archivist, handlers);
    const table = await screen.findByRole('table', { name: 'Akten des Amts 21 mit abgelaufener Frist' });
    expect(within(table).getByText(/Klage vor dem VG anhängig/)).toBeTruthy();
    const heldBox = within(table).getByRole('checkbox', { name: '21.30.02-0002/2010 auswählen' }) as HTMLInputElement;
    expect(heldBox.disabled).toBe(true);
    expect((within(table).getByRole('checkbox', { name: '21.30.02-0003/2010 auswählen' }) as HTMLInputElement).disabled).toBe(true);
    const offer = screen.getByRole('button', { name: 'Anbieten (0501)' }) as HTMLButtonElement;
    expect(offer.disabled).toBe(true);

    // "all" chooses only the offerable Akte
    fireEvent.click(within(table).getByRole('checkbox', { name: 'Alle anbietbaren Akten auswählen' }));
    expect(screen.getByText('1 Akte ausgewählt')).toBeTruthy();
    expect(offer.disabled).toBe(false);
    fireEvent.click(offer);
    expect(await screen.findByText(/Angebot mit 1 Akte geschrieben: \/tmp\/0501.zip/)).toBeTruthy();
    expect(transport.callsOf('aussonderung.createOffer')).toEqual([{ amtId: '21', akteUuids: [free.uuid] }]);
    expect(screen.getByRole('link', { name: 'Aussonderung öffnen' }).getAttribute('href')).toBe(`#/archiv/aussonderung/${d.prozessId}`);
  });

  it('shows a refused offer with the German message and a retry when retryable', async () => {
    const free = expiring();
    let attempts = 0;
    await renderAsUser(<AussonderungPage prozessId={null} />, archivist, {
      'aussonderung.listExpiring': () => [free],
      'aussonderung.list': () => [],
      'aussonderung.createOffer': () => {
        attempts++;
        throw refuse('api.cancelled', 'Der Vorgang wurde abgebrochen.', true, 'R-BUSY');
      },
    });
    fireEvent.click(await screen.findByRole('checkbox', { name: '21.30.02-0001/2010 auswählen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Anbieten (0501)' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Der Vorgang wurde abgebrochen.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Erneut versuchen' }));
    await waitFor(() => expect(attempts).toBe(2));
  });
});

describe('Aussonderung: detail actions by state', () => {
  const actions = () => screen.getByRole('group', { name: 'Aktionen zur Aussonderung' });
  const base = (d: AussonderungDetail): Handlers => ({ 'aussonderung.get': () => d, 'aussonderung.deletionProtocol': () => [] });

  it('offered: only the import of the archive\'s answer; the file is sent as base64', async () => {
    let d = detail();
    const { transport } = await renderAsUser(<AussonderungDetailView prozessId={d.prozessId} />, archivist, {
      ...base(d),
      'aussonderung.get': () => d,
      'aussonderung.importMessage': () => {
        d = detail({ state: 'appraised', decisions: { A: 0, B: 1, V: 1, open: 0 }, objects: d.objects.map((o, i) => ({ ...o, decision: i === 0 ? 'V' : 'B' })) });
        return { prozessId: d.prozessId, type: '0502', state: 'appraised', applied: 2, failed: 0, unanswered: [], receipt: null, repeated: false };
      },
    });
    await screen.findByRole('heading', { level: 1, name: 'Aussonderung 11111111' });
    expect(screen.getByText('Angeboten (0501)')).toBeTruthy();
    expect(within(actions()).queryByRole('button', { name: 'Abgeben (0503)' })).toBeNull();
    expect(within(actions()).queryByRole('button', { name: 'Löschen' })).toBeNull();
    expect(within(actions()).queryByRole('button', { name: 'Auswahl (B) speichern' })).toBeNull();

    const input = within(actions()).getByLabelText('Nachrichtendatei');
    const file = new File(['<xdomea/>'], 'antwort_0502.xml', { type: 'application/xml' });
    fireEvent.change(input, { target: { files: [file] } });
    fireEvent.click(within(actions()).getByRole('button', { name: 'Einlesen' }));
    expect(await screen.findByText('Nachricht 0502 eingelesen: 2 übernommen, 0 fehlgeschlagen.')).toBeTruthy();
    expect(transport.callsOf('aussonderung.importMessage')).toEqual([
      { source: { kind: 'bytes', fileName: 'antwort_0502.xml', base64: btoa('<xdomea/>') } },
    ]);
    // Reloaded: now appraised, so the B choice and the export are offered.
    await screen.findByText('Bewertet (0502)');
    expect(within(actions()).getByRole('button', { name: 'Auswahl (B) speichern' })).toBeTruthy();
    expect(within(actions()).getByRole('button', { name: 'Löschen' })).toBeTruthy();
  });

  it('appraised: B samples are chosen, then exported (0503) with its path and per-file report', async () => {
    const objs = detail().objects;
    let d = detail({
      state: 'appraised',
      decisions: { A: 0, B: 1, V: 1, open: 0 },
      objects: [{ ...objs[0]!, decision: 'V' }, { ...objs[1]!, decision: 'B' }],
    });
    const bUuid = objs[1]!.akteUuid;
    const { transport } = await renderAsUser(<AussonderungDetailView prozessId={d.prozessId} />, archivist, {
      ...base(d),
      'aussonderung.get': () => d,
      'aussonderung.selectSample': ({ akteUuids }) => (d = { ...d, objects: d.objects.map((o) => ({ ...o, selected: akteUuids.includes(o.akteUuid) })) }),
      'aussonderung.export': () => {
        d = { ...d, state: 'exported' };
        return {
          package: { path: '/tmp/0503.zip', size: 100, sha256: 'c'.repeat(64) },
          files: [{ akteUuid: bUuid, documentUuid: uuid(), versionUuid: uuid(), fileName: 'bescheid.pdf', outcome: 'converted', pdfaVersion: '2b', reason: null, sourceSha256: 'd'.repeat(64), sentSha256: 'e'.repeat(64), size: 2048 }],
          aussonderung: summaryOf(d),
        };
      },
    });
    await screen.findByText('Bewertet (0502)');
    // No A and nothing chosen yet: nothing to hand over.
    expect(within(actions()).queryByRole('button', { name: 'Abgeben (0503)' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: '21.30.02-0001/2010 als Stichprobe abgeben' })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: '21.30.02-0001/2012 als Stichprobe abgeben' }));
    fireEvent.click(within(actions()).getByRole('button', { name: 'Auswahl (B) speichern' }));
    expect(await screen.findByText('Die Auswahl ist gespeichert.')).toBeTruthy();
    expect(transport.callsOf('aussonderung.selectSample')).toEqual([{ prozessId: d.prozessId, akteUuids: [bUuid] }]);

    fireEvent.click(await within(actions()).findByRole('button', { name: 'Abgeben (0503)' }));
    expect(await screen.findByText('Abgabepaket geschrieben: /tmp/0503.zip')).toBeTruthy();
    expect(screen.getByText('bescheid.pdf')).toBeTruthy();
    expect(screen.getByText('umgewandelt')).toBeTruthy();
    await screen.findByText('Abgegeben (0503)');
    expect(within(actions()).queryByRole('button', { name: 'Auswahl (B) speichern' })).toBeNull();
  });

  it('deletes only after confirmation and lists the kept Akten with reasons', async () => {
    const objs = detail().objects;
    const d = detail({
      state: 'import_confirmed',
      decisions: { A: 1, B: 0, V: 1, open: 0 },
      objects: [{ ...objs[0]!, decision: 'V' }, { ...objs[1]!, decision: 'A', selected: true, importOk: true, archiveId: 'STA-1', legalHold: 'Prüfung Rechnungsprüfungsamt' }],
    });
    const { transport } = await renderAsUser(<AussonderungDetailView prozessId={d.prozessId} />, archivist, {
      ...base(d),
      'aussonderung.delete': () => ({
        deleted: [],
        kept: [{ akteUuid: objs[1]!.akteUuid, aktenzeichen: objs[1]!.aktenzeichen, reason: 'Aufbewahrungssperre: Prüfung Rechnungsprüfungsamt' }],
        aussonderung: summaryOf(d),
      }),
    });
    fireEvent.click(within(await screen.findByRole('group', { name: 'Aktionen zur Aussonderung' })).getByRole('button', { name: 'Löschen' }));
    expect(transport.callsOf('aussonderung.delete')).toEqual([]);
    const form = screen.getByRole('form', { name: 'Akten dieser Aussonderung löschen' });
    expect(within(form).getByText(/nicht rückgängig/)).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Endgültig löschen' }));
    const kept = await screen.findByRole('table', { name: 'Nicht gelöscht' });
    expect(within(kept).getByText('Aufbewahrungssperre: Prüfung Rechnungsprüfungsamt')).toBeTruthy();
    expect(transport.callsOf('aussonderung.delete')).toEqual([{ prozessId: d.prozessId }]);
  });

  it('completed: no further actions', async () => {
    const d = detail({ state: 'completed', objects: detail().objects.map((o) => ({ ...o, decision: 'V', deletedAt: '2026-11-23T11:00:00Z' })) });
    await renderAsUser(<AussonderungDetailView prozessId={d.prozessId} />, archivist, base(d));
    await screen.findByText('Keine weiteren Schritte möglich.');
    expect(within(actions()).queryByLabelText('Nachrichtendatei')).toBeNull();
    expect(within(actions()).queryAllByRole('button')).toEqual([]);
  });
});

describe('Aussonderung routes', () => {
  it('round-trip through the address', async () => {
    const { parseRoute, routeHref } = await import('../../../routing/routes');
    expect(parseRoute('#/archiv/aussonderung')).toEqual({ name: 'archiv.aussonderung', prozessId: null });
    const r = { name: 'archiv.aussonderung', prozessId: '11111111-2222-4333-8444-555555555555' } as const;
    expect(parseRoute(routeHref(r))).toEqual(r);
    expect(parseRoute('#/archiv')).toEqual({ name: 'archiv' });
  });
});
