import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { usePagedList, type Paged } from './use-paged-list';
import { VirtualList } from './VirtualList';

interface Row {
  id: string;
  label: string;
}

const TOTAL = 10_000;
const rowsOf = (offset: number, limit: number): Row[] =>
  Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, i) => ({ id: `r${offset + i}`, label: `Akte ${offset + i + 1}` }));

function PagedRows({ fetchPage, onOpen }: { fetchPage: (o: number, l: number) => Promise<Paged<Row>>; onOpen: (r: Row) => void }) {
  const list = usePagedList(fetchPage, [], 100);
  if (list.total === null) return <p>lädt</p>;
  return (
    <VirtualList
      label="Akten"
      count={list.total}
      rowHeight={40}
      maxHeight={400}
      item={list.item}
      itemKey={(r) => r.id}
      onRangeChange={list.ensureRange}
      onOpen={onOpen}
      renderItem={(r) => r.label}
    />
  );
}

describe('VirtualList with paged loading', () => {
  it('keeps only the visible window of 10,000 rows in the DOM and loads only the pages it shows', async () => {
    const fetchPage = vi.fn(async (offset: number, limit: number) => ({ items: rowsOf(offset, limit), total: TOTAL }));
    render(<PagedRows fetchPage={fetchPage} onOpen={() => undefined} />);
    const list = await screen.findByRole('listbox', { name: 'Akten' });
    await screen.findByText('Akte 1');
    const options = screen.getAllByRole('option');
    expect(options.length).toBeLessThan(40);
    expect(options[0]?.getAttribute('aria-setsize')).toBe('10000');
    expect(fetchPage.mock.calls).toEqual([[0, 100]]);

    // End jumps to the last row: it is rendered, announced as active, and its page is fetched.
    list.focus();
    fireEvent.keyDown(list, { key: 'End' });
    expect(await screen.findByText('Akte 10000')).toBeTruthy();
    const active = document.getElementById(list.getAttribute('aria-activedescendant') ?? '');
    expect(active?.getAttribute('aria-posinset')).toBe('10000');
    expect(fetchPage.mock.calls.map(([offset]) => offset)).toEqual([0, 9900]);
    expect(screen.getAllByRole('option').length).toBeLessThan(40);
  });

  it('opens the active row with Enter and a row on click', async () => {
    const onOpen = vi.fn();
    render(<PagedRows fetchPage={async (o, l) => ({ items: rowsOf(o, l), total: TOTAL })} onOpen={onOpen} />);
    const list = await screen.findByRole('listbox');
    await screen.findByText('Akte 1');
    // Focusing makes the first visible row active; ↓ moves from there.
    act(() => list.focus());
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(onOpen).toHaveBeenLastCalledWith({ id: 'r2', label: 'Akte 3' });
    fireEvent.click(screen.getByText('Akte 5'));
    expect(onOpen).toHaveBeenLastCalledWith({ id: 'r4', label: 'Akte 5' });
  });

  it('shows rows of pages still loading as placeholders, then the data', async () => {
    let release: () => void = () => undefined;
    const fetchPage = async (offset: number, limit: number) => {
      if (offset > 0) await new Promise<void>((r) => (release = r));
      return { items: rowsOf(offset, limit), total: TOTAL };
    };
    render(<PagedRows fetchPage={fetchPage} onOpen={() => undefined} />);
    const list = await screen.findByRole('listbox');
    list.focus();
    fireEvent.keyDown(list, { key: 'End' });
    await waitFor(() => expect(screen.getAllByText('Wird geladen …').length).toBeGreaterThan(0));
    release();
    expect(await screen.findByText('Akte 10000')).toBeTruthy();
  });

  it('shows the empty text instead of an empty listbox', () => {
    render(<VirtualList label="Akten" count={0} rowHeight={40} item={() => undefined} itemKey={() => ''} renderItem={() => null} emptyText="Keine Akten." />);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByText('Keine Akten.')).toBeTruthy();
  });
});
