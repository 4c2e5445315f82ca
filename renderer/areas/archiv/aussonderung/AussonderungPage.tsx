import { useApi } from '../../../api/ApiProvider';
import { useQuery } from '../../../api/use-query';
import { AussonderungDetailView } from './AussonderungDetail';
import { AussonderungList } from './AussonderungList';
import { ExpiringList } from './ExpiringList';
import { t } from './texts';
import { PageHead } from '../../../components/PageHead';
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
      <PageHead title={t.title} intro={t.intro} />
      <ExpiringList onOffered={list.reload} />
      <AussonderungList query={list} />
    </div>
  );
}
