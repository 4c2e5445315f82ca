import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AktenplanEntry } from '../../../contract/schemas/records';
import { AktenplanTree } from './AktenplanTree';

const entry = (uuid: string, number: string, title: string, parentUuid: string | null, isLeaf: boolean): AktenplanEntry => ({
  uuid,
  number,
  title,
  parentUuid,
  amtId: '21',
  retentionYears: isLeaf ? 10 : null,
  archivalHint: isLeaf ? 'V' : null,
  isLeaf,
});

// Given out of order on purpose: the tree sorts by number.
const entries = [
  entry('c', '21.30', 'Vollstreckung', 'a', false),
  entry('a', '21', 'Finanzen', null, false),
  entry('b', '21.10', 'Steuern und Abgaben', 'a', false),
  entry('b2', '21.10.02', 'Gewerbesteuer', 'b', true),
  entry('b1', '21.10.01', 'Grundsteuer', 'b', true),
  entry('c1', '21.30.02', 'Forderungspfändungen', 'c', true),
];

const items = () => screen.getAllByRole('treeitem').map((i) => i.textContent);

describe('AktenplanTree', () => {
  it('shows the upper levels open, sorted by number, with levels for assistive tech', () => {
    render(<AktenplanTree entries={entries} selectedUuid={null} onSelect={() => undefined} />);
    expect(items()).toEqual(['▾21Finanzen', '▾21.10Steuern und Abgaben', '21.10.01Grundsteuer', '21.10.02Gewerbesteuer', '▾21.30Vollstreckung', '21.30.02Forderungspfändungen']);
    expect(screen.getAllByRole('treeitem').map((i) => i.getAttribute('aria-level'))).toEqual(['1', '2', '3', '3', '2', '3']);
  });

  it('is operated with the arrow keys: ← closes or goes to the parent, → opens, Enter selects a leaf', () => {
    const onSelect = vi.fn();
    render(<AktenplanTree entries={entries} selectedUuid={null} onSelect={onSelect} />);
    const tree = screen.getByRole('tree');
    screen.getAllByRole('treeitem')[0]!.focus();
    fireEvent.keyDown(tree, { key: 'ArrowDown' }); // 21.10
    fireEvent.keyDown(tree, { key: 'ArrowLeft' }); // close 21.10
    expect(items()).not.toContain('21.10.01Grundsteuer');
    expect(document.activeElement?.textContent).toBe('▸21.10Steuern und Abgaben');
    fireEvent.keyDown(tree, { key: 'ArrowRight' }); // open again
    fireEvent.keyDown(tree, { key: 'ArrowRight' }); // to first child
    expect(document.activeElement?.textContent).toBe('21.10.01Grundsteuer');
    fireEvent.keyDown(tree, { key: 'ArrowLeft' }); // leaf: to parent
    expect(document.activeElement?.textContent).toBe('▾21.10Steuern und Abgaben');
    fireEvent.keyDown(tree, { key: 'End' });
    fireEvent.keyDown(tree, { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ number: '21.30.02' }));
  });
});
