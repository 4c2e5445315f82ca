import { de } from '../i18n/de';
import { routeHref } from '../routing/routes';
import { useConnection } from './use-connection';
import '../areas/abgleich/sync.css';

/**
 * Header badge: a coloured dot plus text (never colour alone); the detail is read out and shown on hover.
 * It links to the sync page, where the pending changes, the last error and the conflicts are.
 */
export function StatusIndicator() {
  const c = useConnection();
  return (
    <div className={`conn conn-${c.level}`} role="status" title={c.detail}>
      <span className="conn-dot" aria-hidden="true" />
      <a className="conn-link" href={routeHref({ name: 'sync' })}>
        <span className="visually-hidden">{de.connection.label}: </span>
        <span className="conn-label">{c.label}</span>
        <span className="visually-hidden"> – {c.detail}</span>
      </a>
    </div>
  );
}
