import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { SelectField } from '../../components/SelectField';
import { Tabs } from '../../components/Tabs';
import { de } from '../../i18n/de';
import { PosteingangList } from '../records/PosteingangList';
import { HotFolderPanel } from './HotFolderPanel';
import { IntakeForm } from './IntakeForm';
import { JobList } from './JobList';
import { Klaerfaelle } from './Klaerfaelle';
import { ReviewPanel } from './ReviewPanel';
import { t } from './texts';
import './poststelle.css';

/** The post room: take in mail (files, scans), watch the jobs, review batches, clear Klärfälle. */
export function PoststellePage() {
  return (
    <div className="page">
      <h1 className="page-title">{t.title}</h1>
      <Tabs
        label={t.tabsLabel}
        tabs={[
          { id: 'posteingang', label: t.tabs.posteingang, render: () => <AllIncoming /> },
          { id: 'erfassung', label: t.tabs.erfassung, render: () => <Erfassung /> },
          { id: 'klaerfaelle', label: t.tabs.klaerfaelle, render: () => <Klaerfaelle /> },
        ]}
      />
    </div>
  );
}

function Erfassung() {
  const [version, setVersion] = useState(0);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const refresh = () => setVersion((v) => v + 1);
  return (
    <div className="intake">
      <IntakeForm onStarted={refresh} />
      {reviewing && (
        <ReviewPanel
          uuid={reviewing}
          onClose={() => {
            setReviewing(null);
            refresh();
          }}
        />
      )}
      <JobList version={version} onReview={(job) => setReviewing(job.uuid)} />
      <HotFolderPanel />
    </div>
  );
}

/** Incoming mail of all Ämter; the post room sees the envelope data, not the content. */
function AllIncoming() {
  const api = useApi();
  const aemter = useQuery(() => api.call('aemter.list', {}), []);
  const [amtId, setAmtId] = useState('');
  return (
    <div className="page-fill poststelle-incoming">
      <div className="page-head">
        <h2 className="section-title">{de.posteingang.titleAll}</h2>
        <SelectField inline label={de.posteingang.filterAmt} value={amtId} onChange={setAmtId}>
          <option value="">{de.posteingang.anyAmt}</option>
          {(aemter.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.id} {a.name}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="hint">{de.posteingang.readOnlyHint}</p>
      <PosteingangList amtId={amtId || undefined} />
    </div>
  );
}
