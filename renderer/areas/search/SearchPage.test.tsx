import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../contract/methods';
import { Workspace } from '../../Workspace';
import { clerk21, documentSummary } from '../../test/data';
import type { Handlers } from '../../test/fake-transport';
import { renderAsUser } from '../../test/render';

const status = () => ({ version: '0.1.0', mode: 'browser' as const, demo: true, sync: { state: 'not_configured' as const, pendingOperations: 0, lastSuccessAt: null } });

function handlers(total: number, totalExact = true): Handlers {
  return {
    'system.status': status,
    'wiedervorlagen.list': () => [],
    'posteingang.list': () => ({ items: [], total: 0 }),
    'aemter.list': () => [
      { id: '21', name: 'Stadtkasse, Steuern und Vollstreckung', behoerdenkennung: null },
      { id: '32', name: 'Bürger- und Ordnungsamt', behoerdenkennung: null },
    ],
    'search.query': (input: MethodInput<'search.query'>) => ({
      total,
      totalExact,
      hits: [
        {
          document: documentSummary({ title: `Treffer für ${input.q}`, docType: 'Mahnung' }),
          snippet: [{ text: input.q, hit: true }],
          score: 1,
        },
      ],
    }),
  };
}

describe('search as you type', () => {
  it('searches once after typing pauses, with the final text, and shows count and hit', async () => {
    const { transport } = await renderAsUser(<Workspace user={clerk21} />, clerk21, handlers(2));
    const box = screen.getByRole('searchbox', { name: 'Dokumente durchsuchen' });
    box.focus();
    for (const q of ['V', 'Vo', 'Voll', 'Vollstr', 'Vollstreckungsstelle']) fireEvent.change(box, { target: { value: q } });
    expect(await screen.findByText('Treffer für Vollstreckungsstelle')).toBeTruthy();
    expect(transport.callsOf('search.query').map((c) => c.q)).toEqual(['Vollstreckungsstelle']);
    expect(screen.getByText('2 Treffer')).toBeTruthy();
    expect(window.location.hash).toBe('#/suche?q=Vollstreckungsstelle');
    // Focus stayed in the box while the page changed underneath.
    expect(document.activeElement).toBe(box);
    // ↓ jumps to the first hit.
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toContain('Treffer für Vollstreckungsstelle');
  });

  it('sends the chosen filters and keeps them in the address', async () => {
    window.history.replaceState(null, '', '/#/suche?q=Mahnung');
    const { transport } = await renderAsUser(<Workspace user={clerk21} />, clerk21, handlers(1));
    await screen.findByText('Treffer für Mahnung');
    fireEvent.change(await screen.findByRole('combobox', { name: 'Amt' }), { target: { value: '32' } });
    fireEvent.change(screen.getByLabelText('Datum von'), { target: { value: '2026-01-01' } });
    await waitFor(() => expect(transport.callsOf('search.query').at(-1)?.filters).toEqual({ amtId: '32', dateFrom: '2026-01-01' }));
    expect(window.location.hash).toBe('#/suche?q=Mahnung&amt=32&von=2026-01-01');
    fireEvent.click(screen.getByRole('button', { name: 'Filter zurücksetzen' }));
    await waitFor(() => expect(transport.callsOf('search.query').at(-1)?.filters).toEqual({}));
  });

  it('says "mehr als" when the count is capped', async () => {
    window.history.replaceState(null, '', '/#/suche?q=Stadt');
    await renderAsUser(<Workspace user={clerk21} />, clerk21, handlers(1000, false));
    expect(await screen.findByText('mehr als 1.000 Treffer')).toBeTruthy();
  });
});
