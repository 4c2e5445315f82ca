import type { AktenplanEntry } from '../../../contract/schemas/records';

export interface TreeRow {
  entry: AktenplanEntry;
  level: number;
  hasChildren: boolean;
  expanded: boolean;
  parentUuid: string | null;
  posInSet: number;
  setSize: number;
}

/** The rows of the tree that are visible with the given nodes expanded, in display order. */
export function visibleRows(entries: readonly AktenplanEntry[], expanded: ReadonlySet<string>): TreeRow[] {
  const children = new Map<string | null, AktenplanEntry[]>();
  const known = new Set(entries.map((e) => e.uuid));
  for (const e of entries) {
    // An entry whose parent is not in the list (another Amt's branch) is shown as a root.
    const parent = e.parentUuid && known.has(e.parentUuid) ? e.parentUuid : null;
    const list = children.get(parent) ?? [];
    list.push(e);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.number.localeCompare(b.number, 'de', { numeric: true }));

  const rows: TreeRow[] = [];
  const walk = (parent: string | null, level: number) => {
    const list = children.get(parent) ?? [];
    list.forEach((entry, i) => {
      const hasChildren = (children.get(entry.uuid)?.length ?? 0) > 0;
      const isOpen = hasChildren && expanded.has(entry.uuid);
      rows.push({ entry, level, hasChildren, expanded: isOpen, parentUuid: parent, posInSet: i + 1, setSize: list.length });
      if (isOpen) walk(entry.uuid, level + 1);
    });
  };
  walk(null, 1);
  return rows;
}

/** Groups open at first: the two upper levels, so every leaf is one step away. */
export const initiallyExpanded = (entries: readonly AktenplanEntry[]): Set<string> =>
  new Set(entries.filter((e) => !e.isLeaf && e.number.split('.').length <= 2).map((e) => e.uuid));
