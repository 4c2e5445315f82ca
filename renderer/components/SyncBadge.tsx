import { useObjectSyncState } from '../areas/abgleich/object-states';
import { t } from '../areas/abgleich/texts';
import '../areas/abgleich/sync.css';

/**
 * A document's DMS sync state as text in a badge (never colour alone). Nothing while unknown, and
 * nothing for "local only": without a DMS set up every document is local, which needs no mark.
 */
export function SyncBadge({ uuid }: { uuid: string }) {
  const state = useObjectSyncState(uuid);
  if (!state || state === 'local_only') return null;
  return (
    <span className={`badge sync-badge sync-badge-${state}`} data-sync-state={state} title={t.badgeLabel}>
      {t.badge[state]}
    </span>
  );
}
