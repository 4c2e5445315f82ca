import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../../contract/methods';
import { clerk21, uuid } from '../../../test/data';
import { renderAsUser } from '../../../test/render';
import type { ViewerDocument } from './document';
import type { TextRun } from './geometry';
import { PdfViewer } from './PdfViewer';
import { useHits, type HitsState } from './use-hits';

const A4 = { width: 595, height: 842 };

/** A document whose pages only record how they were asked to draw (jsdom has no canvas). */
function fakeDocument(numPages: number, text: Record<number, TextRun[]> = {}) {
  const renders: { page: number; pixelScale: number }[] = [];
  const doc: ViewerDocument = {
    numPages,
    pageSize: async () => A4,
    render: (page, _canvas, pixelScale) => {
      renders.push({ page, pixelScale });
      return { done: Promise.resolve(), cancel: () => undefined };
    },
    textRuns: async (page) => text[page] ?? [],
    destroy: () => undefined,
  };
  return { doc, renders };
}

const shownPage = () => screen.getByRole('img', { name: /^Seite \d+ von \d+$/ }).getAttribute('aria-label');
const hitCount = () => document.querySelector('.viewer-hitcount')?.textContent;
const marks = () => [...document.querySelectorAll<HTMLElement>('.viewer-hit')];

describe('PDF viewer', () => {
  it('opens at the first page with a hit and marks the word where its box lies', async () => {
    const { doc } = fakeDocument(3);
    const hits: HitsState = { status: 'ready', pages: [{ page: 2, ...A4, boxes: [{ x: 100, y: 700, w: 80, h: 12 }] }] };
    render(<PdfViewer doc={doc} fileName="scan.pdf" hits={hits} />);
    await waitFor(() => expect(shownPage()).toBe('Seite 2 von 3'));
    await waitFor(() => expect(marks()).toHaveLength(1));
    expect(marks()[0]!.style.left).toBe('100px');
    expect(marks()[0]!.style.top).toBe(`${842 - 700 - 12}px`);
    expect(hitCount()).toBe('1 Treffer auf Seite 2');
    expect(screen.getByRole('button', { name: 'Seite 2, mit Treffern' }).getAttribute('aria-current')).toBe('page');
  });

  it('navigates by thumbnails, page field and keys, and zooms the drawing', async () => {
    const { doc, renders } = fakeDocument(4);
    render(<PdfViewer doc={doc} fileName="akte.pdf" hits={{ status: 'none' }} />);
    await waitFor(() => expect(shownPage()).toBe('Seite 1 von 4'));

    fireEvent.click(screen.getByRole('button', { name: 'Seite 3' }));
    await waitFor(() => expect(shownPage()).toBe('Seite 3 von 4'));
    expect(screen.getByRole('button', { name: 'Seite 3' }).getAttribute('aria-current')).toBe('page');

    const viewer = screen.getByRole('region', { name: 'Dokumentansicht akte.pdf' });
    fireEvent.keyDown(viewer, { key: 'PageDown' });
    await waitFor(() => expect(shownPage()).toBe('Seite 4 von 4'));
    fireEvent.keyDown(viewer, { key: 'PageDown' }); // stays on the last page
    fireEvent.keyDown(viewer, { key: 'Home' });
    await waitFor(() => expect(shownPage()).toBe('Seite 1 von 4'));
    fireEvent.change(screen.getByRole('spinbutton', { name: /Seite/ }), { target: { value: '2' } });
    await waitFor(() => expect(shownPage()).toBe('Seite 2 von 4'));

    fireEvent.click(screen.getByRole('button', { name: 'Vergrößern' }));
    expect(screen.getByText('125 %')).toBeTruthy();
    fireEvent.keyDown(viewer, { key: '+' });
    expect(screen.getByText('150 %')).toBeTruthy();
    await waitFor(() => expect(renders.some((r) => r.page === 2 && r.pixelScale === 1.5)).toBe(true));
    expect(screen.getByRole('img', { name: 'Seite 2 von 4' }).style.width).toBe(`${595 * 1.5}px`);
    fireEvent.keyDown(viewer, { key: '0' });
    expect(screen.getByText('100 %')).toBeTruthy();
  });

  it('finds hits in the text layer when the version has no word boxes, and jumps between hit pages', async () => {
    const versionUuid = uuid();
    const run = (str: string): TextRun => ({ str, transform: [12, 0, 0, 12, 72, 600], width: str.length * 6, height: 12 });
    const { doc } = fakeDocument(5, { 2: [run('Pfändungsverfügung vom 3. März')], 4: [run('Die Pfändung bleibt bestehen')] });
    function Harness() {
      return <PdfViewer doc={doc} fileName="brief.pdf" hits={useHits(versionUuid, 'Pfändung', doc)} />;
    }
    const { transport } = await renderAsUser(<Harness />, clerk21, {
      'documents.locateHits': () => ({ source: 'none' as const, pages: [] }),
    });
    await waitFor(() => expect(hitCount()).toBe('2 Treffer auf Seiten 2, 4'));
    expect(transport.callsOf('documents.locateHits')).toEqual([{ versionUuid, q: 'Pfändung' } satisfies MethodInput<'documents.locateHits'>]);
    await waitFor(() => expect(shownPage()).toBe('Seite 2 von 5'));
    await waitFor(() => expect(marks()[0]?.style.left).toBe('72px'));
    // The page's text is there for screen readers, next to the image.
    expect(screen.getByText('Pfändungsverfügung vom 3. März').className).toBe('visually-hidden');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Nächste Trefferseite' })));
    await waitFor(() => expect(shownPage()).toBe('Seite 4 von 5'));
    fireEvent.keyDown(screen.getByRole('region', { name: 'Dokumentansicht brief.pdf' }), { key: 't' });
    await waitFor(() => expect(shownPage()).toBe('Seite 2 von 5'));
  });
});
