import { useState } from 'react';
import type { ConflictResolution, SyncConflict } from '../../../contract/methods/sync';
import { useApi } from '../../api/ApiProvider';
import { useCommand, useQuery } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loaded } from '../../components/Loaded';
import { formatDateTime } from '../../i18n/format';
import { routeHref } from '../../routing/routes';
import { t } from './texts';

const RESOLUTIONS: readonly ConflictResolution[] = ['keep_local', 'keep_remote', 'keep_both'];

/** Open conflicts, both sides side by side, and the clerk's decision per conflict. */
export function ConflictList({ onResolved }: { onResolved: () => void }) {
  const api = useApi();
  const list = useQuery(() => api.call('sync.listConflicts', {}), []);
  const [done, setDone] = useState<string | null>(null);
  const resolve = useCommand(async (c: SyncConflict, resolution: ConflictResolution) => {
    await api.call('sync.resolveConflict', { uuid: c.uuid, resolution });
    setDone(t.conflicts.resolved(titleOf(c)));
    list.reload();
    onResolved();
  });
  return (
    <section className="panel sync-panel" aria-labelledby="sync-conflicts-title">
      <h2 id="sync-conflicts-title" className="panel-title">
        {t.conflicts.title}
      </h2>
      <p className="sync-outcome" role="status">
        {done}
      </p>
      {resolve.error && <ErrorNotice error={resolve.error} />}
      <Loaded query={list}>
        {(items) =>
          items.length === 0 ? (
            <p className="empty-state">{t.conflicts.none}</p>
          ) : (
            <table className="table table-compact">
              <caption className="visually-hidden">{t.conflicts.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.conflicts.document}</th>
                  <th scope="col">{t.conflicts.kind}</th>
                  <th scope="col">{t.conflicts.detected}</th>
                  <th scope="col">{t.conflicts.local}</th>
                  <th scope="col">{t.conflicts.remote}</th>
                  <th scope="col">{t.conflicts.decide}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.uuid} data-conflict={c.uuid}>
                    <td>
                      {c.local.exists ? <a href={routeHref({ name: 'document', uuid: c.objectUuid })}>{titleOf(c)}</a> : titleOf(c)}
                    </td>
                    <td>{t.kind[c.kind]}</td>
                    <td className="nowrap">{formatDateTime(c.detectedAt)}</td>
                    <td>{side(c.local)}</td>
                    <td>{side(c.remote)}</td>
                    <td>
                      <div className="sync-decide">
                        {RESOLUTIONS.map((r) => (
                          <button
                            key={r}
                            type="button"
                            className="btn btn-small"
                            disabled={resolve.pending}
                            aria-label={t.resolutionFor(r, titleOf(c))}
                            onClick={() => void resolve.run(c, r)}
                          >
                            {t.resolution[r]}
                          </button>
                        ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}

const titleOf = (c: SyncConflict) => c.local.title ?? c.remote.title ?? t.conflicts.untitled;

function side(s: SyncConflict['local']): string {
  if (!s.exists) return t.conflicts.deleted;
  return [s.title, t.conflicts.versions(s.versionCount)].filter(Boolean).join(' · ');
}
