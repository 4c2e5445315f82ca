import { useEffect, useRef } from 'react';
import { de } from '../i18n/de';

/** The list of keyboard shortcuts, opened with "?" or the header button; Esc closes. */
export function ShortcutsPanel({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section
      ref={ref}
      className="shortcuts-panel"
      aria-labelledby="shortcuts-title"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="shortcuts-head">
        <h2 id="shortcuts-title">{de.shortcuts.title}</h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {de.shortcuts.close}
        </button>
      </div>
      <ShortcutList items={de.shortcuts.list} />
    </section>
  );
}

/** Keys and what they do, as a description list (also used by pages with shortcuts of their own). */
export function ShortcutList({ items }: { items: readonly (readonly [string, string])[] }) {
  return (
    <dl className="shortcuts-list">
      {items.map(([key, what]) => (
        <div key={key}>
          <dt>
            <kbd>{key}</kbd>
          </dt>
          <dd>{what}</dd>
        </div>
      ))}
    </dl>
  );
}
