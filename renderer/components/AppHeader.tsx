import type { RefObject } from 'react';
import type { User } from '../../contract/schemas/identity';
import { de } from '../i18n/de';
import { maySearch, roleLabel } from '../session/roles';
import { AppMark } from './AppMark';
import { GlobalSearchBox } from './GlobalSearchBox';
import { StatusIndicator } from './StatusIndicator';

interface AppHeaderProps {
  user: User;
  searchRef: RefObject<HTMLInputElement | null>;
  shortcutsOpen: boolean;
  onToggleShortcuts: () => void;
  onLogout: () => void;
}

export function AppHeader({ user, searchRef, shortcutsOpen, onToggleShortcuts, onLogout }: AppHeaderProps) {
  return (
    <header className="app-header">
      <a className="brand" href="#/">
        <AppMark size={28} />
        <span className="brand-text">
          <span className="brand-name">{de.app.name}</span>
          <span className="brand-org">{de.app.organisation}</span>
        </span>
      </a>
      {maySearch(user) ? <GlobalSearchBox ref={searchRef} /> : <div className="global-search-placeholder" />}
      <div className="header-tools">
        <StatusIndicator />
        <button
          type="button"
          className="header-btn"
          aria-expanded={shortcutsOpen}
          aria-keyshortcuts="?"
          onClick={onToggleShortcuts}
          title={de.shortcuts.toggle}
        >
          <span aria-hidden="true">⌨</span>
          <span className="visually-hidden">{de.shortcuts.toggle}</span>
        </button>
        <div className="user-box">
          <span className="visually-hidden">{de.app.userMenuLabel} </span>
          <span className="user-box-name">{user.displayName}</span>
          <span className="user-box-role">{roleLabel(user)}</span>
        </div>
        <button type="button" className="header-btn header-btn-text" onClick={onLogout}>
          {de.app.logout}
        </button>
      </div>
    </header>
  );
}
