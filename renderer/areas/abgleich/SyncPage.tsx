import { useEffect } from 'react';
import type { User } from '../../../contract/schemas/identity';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { mayOpenDocuments } from '../../session/roles';
import { ConflictList } from './ConflictList';
import { SyncStatusPanel } from './SyncStatusPanel';
import { t } from './texts';
import './sync.css';

/** The sync page: where the DMS sync stands, a manual run, and the conflicts the clerk decides. */
export function SyncPage({ user }: { user: User }) {
  const api = useApi();
  const status = useQuery(() => api.call('sync.status', {}), []);
  const { reload } = status;
  // The background sync reports every cycle; the details follow it.
  useEffect(() => api.onEvent((e) => e.type === 'sync.status' && reload()), [api, reload]);
  return (
    <div className="page">
      <div className="page-head">
        <h1 className="page-title">{t.title}</h1>
      </div>
      <p className="hint">{t.intro}</p>
      <SyncStatusPanel query={status} />
      {mayOpenDocuments(user) && <ConflictList onResolved={reload} />}
    </div>
  );
}
