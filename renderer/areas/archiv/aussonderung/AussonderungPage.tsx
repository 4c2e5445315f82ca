import { useApi } from '../../../api/ApiProvider';
import { useQuery } from '../../../api/use-query';
import { AussonderungDetailView } from './AussonderungDetail';
import { AussonderungList } from './AussonderungList';
import { ExpiringList } from './ExpiringList';
import { t } from './texts';
import './aussonderung.css';

/** The archivist's Aussonderung: expired Akten to offer, the processes so far, or one process in detail. */
export function AussonderungPage({ prozessId }: { prozessId: string | null }) {
  if (prozessId) return <AussonderungDetailView prozessId={prozessId} />;
  return <AussonderungOverview />;
}

function AussonderungOverview() {
  const api = useApi();
  const list = useQuery(() => api.call('aussonderung.list', {}), []);
  return (
    <div className="page">
      <div className="page-head">
        <h1 className="page-title">{t.title}</h1>
      </div>
      <p className="hint">{t.intro}</p>
      <ExpiringList onOffered={list.reload} />
      <AussonderungList query={list} />
    </div>
  );
}
