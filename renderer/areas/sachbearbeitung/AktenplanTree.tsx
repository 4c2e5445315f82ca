import { useRef, useState, type KeyboardEvent } from 'react';
import type { AktenplanEntry } from '../../../contract/schemas/records';
import { de } from '../../i18n/de';
import { initiallyExpanded, visibleRows } from './aktenplan-tree';

interface Props {
  entries: readonly AktenplanEntry[];
  selectedUuid: string | null;
  onSelect: (entry: AktenplanEntry) => void;
}

/**
 * The Aktenplan as a WAI-ARIA tree: ↑/↓ move, → opens or goes to the first child, ← closes or goes to
 * the parent, Pos1/Ende, Enter selects a leaf (Akten are kept under leaves only).
 */
export function AktenplanTree({ entries, selectedUuid, onSelect }: Props) {
  const [expanded, setExpanded] = useState(() => initiallyExpanded(entries));
  const rows = visibleRows(entries, expanded);
  const [focusUuid, setFocusUuid] = useState<string | null>(selectedUuid ?? rows[0]?.entry.uuid ?? null);
  const refs = useRef(new Map<string, HTMLLIElement>());
  const focusIndex = Math.max(0, rows.findIndex((r) => r.entry.uuid === focusUuid));

  const focusRow = (uuid: string | undefined) => {
    if (!uuid) return;
    setFocusUuid(uuid);
    refs.current.get(uuid)?.focus();
  };
  const toggle = (uuid: string, open: boolean) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open) next.add(uuid);
      else next.delete(uuid);
      return next;
    });
  const activate = (row: (typeof rows)[number]) => {
    if (row.entry.isLeaf) onSelect(row.entry);
    else toggle(row.entry.uuid, !row.expanded);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const row = rows[focusIndex];
    if (!row) return;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focusRow(rows[focusIndex + 1]?.entry.uuid);
        break;
      case 'ArrowUp':
        focusRow(rows[focusIndex - 1]?.entry.uuid);
        break;
      case 'Home':
        focusRow(rows[0]?.entry.uuid);
        break;
      case 'End':
        focusRow(rows[rows.length - 1]?.entry.uuid);
        break;
      case 'ArrowRight':
        if (row.hasChildren && !row.expanded) toggle(row.entry.uuid, true);
        else if (row.expanded) focusRow(rows[focusIndex + 1]?.entry.uuid);
        break;
      case 'ArrowLeft':
        if (row.expanded) toggle(row.entry.uuid, false);
        else focusRow(row.parentUuid ?? undefined);
        break;
      case 'Enter':
      case ' ':
        activate(row);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  return (
    <ul role="tree" aria-label={de.akten.aktenplan} className="tree" onKeyDown={onKeyDown}>
      {rows.map((row, i) => (
        <li
          key={row.entry.uuid}
          ref={(el) => {
            if (el) refs.current.set(row.entry.uuid, el);
            else refs.current.delete(row.entry.uuid);
          }}
          role="treeitem"
          aria-level={row.level}
          aria-posinset={row.posInSet}
          aria-setsize={row.setSize}
          aria-expanded={row.hasChildren ? row.expanded : undefined}
          aria-selected={row.entry.uuid === selectedUuid}
          tabIndex={i === focusIndex ? 0 : -1}
          className={`tree-row${row.entry.isLeaf ? ' tree-leaf' : ''}${row.entry.uuid === selectedUuid ? ' tree-selected' : ''}`}
          style={{ paddingLeft: `${0.5 + (row.level - 1) * 1.1}rem` }}
          onClick={() => {
            setFocusUuid(row.entry.uuid);
            activate(row);
          }}
        >
          <span className="tree-toggle" aria-hidden="true">
            {row.hasChildren ? (row.expanded ? '▾' : '▸') : ''}
          </span>
          <span className="tree-number">{row.entry.number}</span>
          <span className="tree-title">{row.entry.title}</span>
        </li>
      ))}
    </ul>
  );
}
