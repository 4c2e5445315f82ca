import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { de } from '../i18n/de';

export interface VirtualListProps<T> {
  /** Accessible name of the list. */
  label: string;
  count: number;
  /** Fixed row height in pixels; rows are positioned by index, so every row must fit it. */
  rowHeight: number;
  /** The item at an index, or undefined while its page is still loading. */
  item: (index: number) => T | undefined;
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  /** Enter or click; without it the list is read-only (still navigable). */
  onOpen?: (item: T) => void;
  /** Visible rows (with overscan) changed: load what is missing. */
  onRangeChange?: (start: number, end: number) => void;
  /** Index of the row shown as current (e.g. the open document). */
  selectedKey?: string | null;
  emptyText?: string;
  /** Header row shown above the rows (column titles); hidden from assistive tech, rows carry full text. */
  header?: ReactNode;
  /** Fill the parent's height (page-level lists); otherwise grow with the rows up to maxHeight. */
  fill?: boolean;
  maxHeight?: number;
}

const OVERSCAN = 8;
/** Height used until the container is measured (and in test DOMs without layout). */
const FALLBACK_VIEWPORT = 640;

/**
 * A windowed listbox: only the rows in view (plus a margin) are in the DOM, so 10,000+ entries scroll
 * as fast as 20. Keyboard: ↑/↓, Bild↑/↓, Pos1/Ende move the active row, Enter opens it. The active row
 * is announced through aria-activedescendant and carries its position (aria-posinset/setsize).
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { count, rowHeight, item, onRangeChange } = props;
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [measured, setMeasured] = useState(0);
  const [active, setActive] = useState(-1);
  const fixedHeight = props.fill ? null : Math.min(count * rowHeight, props.maxHeight ?? 480);
  const viewport = measured || fixedHeight || FALLBACK_VIEWPORT;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setMeasured(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
    // The listbox exists only while there are rows; observe it again when it appears.
  }, [count === 0]);

  // Keep the active row inside the list when it shrinks (parents key the list by filter for a fresh start).
  useEffect(() => {
    setActive((a) => (a >= count ? -1 : a));
  }, [count]);

  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const end = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + OVERSCAN);

  useEffect(() => {
    if (count > 0) onRangeChange?.(start, end);
  }, [start, end, count, onRangeChange]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    const el = ref.current;
    if (!el) return;
    const top = next * rowHeight;
    let target = el.scrollTop;
    if (top < target) target = top;
    else if (top + rowHeight > target + viewport) target = top + rowHeight - viewport;
    if (target !== el.scrollTop) {
      el.scrollTop = target;
      setScrollTop(target);
    }
  };

  const page = Math.max(1, Math.floor(viewport / rowHeight) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0) return;
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      moveTo(active < 0 && e.key === 'ArrowUp' ? 0 : target);
    } else if (e.key === 'Enter' && active >= 0) {
      const it = item(active);
      if (it !== undefined && props.onOpen) {
        e.preventDefault();
        props.onOpen(it);
      }
    }
  };

  const rowId = (index: number) => `${id}-row-${index}`;
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const it = item(i);
    const selected = it !== undefined && props.selectedKey != null && props.itemKey(it) === props.selectedKey;
    rows.push(
      <div
        key={it === undefined ? `pending-${i}` : props.itemKey(it)}
        id={rowId(i)}
        role="option"
        aria-selected={selected}
        aria-posinset={i + 1}
        aria-setsize={count}
        className={`vrow${i === active ? ' vrow-active' : ''}${selected ? ' vrow-selected' : ''}${i % 2 ? ' vrow-odd' : ''}`}
        style={{ top: i * rowHeight, height: rowHeight }}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          ref.current?.focus();
          setActive(i);
          if (it !== undefined) props.onOpen?.(it);
        }}
      >
        {it === undefined ? <span className="vrow-pending">{de.list.loadingRow}</span> : props.renderItem(it)}
      </div>,
    );
  }

  if (count === 0) return <p className="vlist-empty">{props.emptyText ?? de.list.empty}</p>;

  return (
    <div className={props.fill ? 'vlist-frame vlist-fill' : 'vlist-frame'}>
      {props.header && (
        <div className="vlist-header" aria-hidden="true">
          {props.header}
        </div>
      )}
      <div
        ref={ref}
        className="vlist"
        style={fixedHeight === null ? undefined : { height: fixedHeight }}
        role="listbox"
        tabIndex={0}
        aria-label={props.label}
        aria-activedescendant={active >= 0 && active >= start && active < end ? rowId(active) : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (active < 0) setActive(Math.min(count - 1, Math.floor(scrollTop / rowHeight)));
        }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="vlist-canvas" style={{ height: count * rowHeight }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
