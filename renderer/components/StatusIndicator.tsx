import { de } from '../i18n/de';
import { useConnection } from './use-connection';

/** Header badge: a coloured dot plus text (never colour alone); the detail is read out and shown on hover. */
export function StatusIndicator() {
  const c = useConnection();
  return (
    <div className={`conn conn-${c.level}`} role="status" title={c.detail}>
      <span className="conn-dot" aria-hidden="true" />
      <span className="visually-hidden">{de.connection.label}: </span>
      <span className="conn-label">{c.label}</span>
      <span className="visually-hidden"> – {c.detail}</span>
    </div>
  );
}
