import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { User } from '../../contract/schemas/identity';
import { de } from '../i18n/de';
import type { Route } from '../routing/routes';
import { AppHeader } from './AppHeader';
import { AreaNav } from './AreaNav';
import { ShortcutsPanel } from './ShortcutsPanel';
import { useShortcuts } from './use-shortcuts';

/** Pages, not their inner selections: moving focus to <main> only when the page itself changes. */
const pageKey = (r: Route): string => (r.name === 'akte' || r.name === 'document' ? `${r.name}:${r.uuid}` : r.name);

interface AppShellProps {
  user: User;
  route: Route;
  onLogout: () => void;
  children: ReactNode;
}

/** Header, area navigation and the main region; keyboard shortcuts and focus handling between pages. */
export function AppShell({ user, route, onLogout, children }: AppShellProps) {
  const searchRef = useRef<HTMLInputElement | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);

  const shortcuts = useMemo(
    () => ({
      '/': () => searchRef.current?.focus(),
      '?': () => setShortcutsOpen((o) => !o),
    }),
    [],
  );
  useShortcuts(shortcuts);

  const key = pageKey(route);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Search pages follow the search box while typing; focus stays there.
    if (route.name !== 'search') mainRef.current?.focus();
    // Only the page identity matters here, not its inner state.
  }, [key]);

  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        {de.app.skipToContent}
      </button>
      <AppHeader
        user={user}
        searchRef={searchRef}
        shortcutsOpen={shortcutsOpen}
        onToggleShortcuts={() => setShortcutsOpen((o) => !o)}
        onLogout={onLogout}
      />
      {shortcutsOpen && <ShortcutsPanel onClose={() => setShortcutsOpen(false)} />}
      <div className="app-body">
        <AreaNav user={user} route={route} />
        <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
          {children}
        </main>
      </div>
    </div>
  );
}
