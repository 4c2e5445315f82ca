import { useEffect } from 'react';
import type { User } from '../../../contract/schemas/identity';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { mayOpenDocuments } from '../../session/roles';
import { ConflictList } from './ConflictList';
import { SyncStatusPanel } from './SyncStatusPanel';
import { t } from './texts';
import { PageHead } from '../../components/PageHead';
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
      <PageHead title={t.title} intro={t.intro} />
      <SyncStatusPanel query={status} />
      {mayOpenDocuments(user) && <ConflictList onResolved={reload} />}
    </div>
  );
}
