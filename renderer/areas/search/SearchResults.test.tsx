import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '../../../contract/schemas/search';
import { documentSummary } from '../../test/data';
import { SearchResults } from './SearchResults';

const hit = (title: string, snippet: SearchHit['snippet']): SearchHit => ({ document: documentSummary({ title }), snippet, score: 1 });

const hits = [
  hit('Pfändungsverfügung an Volksbank', [
    { text: 'Stadt Musterstadt, ', hit: false },
    { text: 'Vollstreckungsstelle', hit: true },
    { text: ' Volksbank Niederrhein eG', hit: false },
  ]),
  hit('Mahnung Grundsteuer B', [
    { text: '<img src=x onerror=alert(1)> ', hit: false },
    { text: 'Vollstreckung', hit: true },
  ]),
  hit('Drittschuldnererklärung', [{ text: 'keine Treffer im Text', hit: false }]),
];

describe('SearchResults', () => {
  it('highlights exactly the hit parts of each snippet with <mark>', () => {
    render(<SearchResults hits={hits} linkable onLeaveTop={() => undefined} />);
    expect([...document.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Vollstreckungsstelle', 'Vollstreckung']);
    const first = screen.getByRole('link', { name: /Pfändungsverfügung an Volksbank/ });
    expect(first.querySelector('.snippet')?.textContent).toBe('Stadt Musterstadt, Vollstreckungsstelle Volksbank Niederrhein eG');
    expect(first.getAttribute('href')).toBe(`#/dokument/${hits[0]!.document.uuid}`);
  });

  it('renders document text as text, never as markup', () => {
    render(<SearchResults hits={hits} linkable onLeaveTop={() => undefined} />);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText(/<img src=x onerror=alert\(1\)>/)).toBeTruthy();
  });

  it('moves focus with ↑/↓/Pos1/Ende and hands ↑ on the first hit back to the search box', () => {
    const onLeaveTop = vi.fn();
    render(<SearchResults hits={hits} linkable onLeaveTop={onLeaveTop} />);
    const links = screen.getAllByRole('link');
    links[0]!.focus();
    fireEvent.keyDown(links[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(links[1]);
    fireEvent.keyDown(links[1]!, { key: 'End' });
    expect(document.activeElement).toBe(links[2]);
    fireEvent.keyDown(links[2]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(links[2]);
    fireEvent.keyDown(links[2]!, { key: 'Home' });
    expect(document.activeElement).toBe(links[0]);
    fireEvent.keyDown(links[0]!, { key: 'ArrowUp' });
    expect(onLeaveTop).toHaveBeenCalledTimes(1);
  });

  it('shows hits without links for users who may not open documents', () => {
    render(<SearchResults hits={hits} linkable={false} onLeaveTop={() => undefined} />);
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    expect(document.querySelectorAll('[data-search-result]')).toHaveLength(3);
  });
});
