import { useState } from 'react';
import type { Wiedervorlage } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { PageHead } from '../../components/PageHead';
import { useRecordsChanged } from '../../components/use-records-changed';
import { Loaded } from '../../components/Loaded';
import { de } from '../../i18n/de';
import { localToday } from '../../i18n/format';
import { WiedervorlageTable } from './WiedervorlageTable';

type Group = 'overdue' | 'today' | 'later' | 'done';

function groupOf(w: Wiedervorlage, today: string): Group {
  if (w.doneAt) return 'done';
  if (w.dueDate < today) return 'overdue';
  return w.dueDate === today ? 'today' : 'later';
}

/** All Wiedervorlagen of the Amt, grouped by urgency (a team view, not a per-person statistic). */
export function WiedervorlagenPage() {
  const api = useApi();
  const [includeDone, setIncludeDone] = useState(false);
  const list = useQuery(() => api.call('wiedervorlagen.list', { includeDone }), [includeDone]);
  useRecordsChanged(list.reload, ['wiedervorlage']);
  const today = localToday();
  const groups: [Group, string][] = [
    ['overdue', de.wiedervorlagen.overdue],
    ['today', de.wiedervorlagen.today],
    ['later', de.wiedervorlagen.later],
    ['done', de.wiedervorlagen.done],
  ];
  return (
    <div className="page">
      <PageHead title={de.wiedervorlagen.title}>
        <label className="checkbox">
          <input type="checkbox" checked={includeDone} onChange={(e) => setIncludeDone(e.target.checked)} />
          {de.wiedervorlagen.showDone}
        </label>
      </PageHead>
      <Loaded query={list}>
        {(all) =>
          all.length === 0 ? (
            <p className="empty-state">{de.wiedervorlagen.none}</p>
          ) : (
            groups.map(([g, label]) => {
              const items = all.filter((w) => groupOf(w, today) === g);
              return items.length === 0 ? null : (
                <section key={g} className="panel" aria-label={label}>
                  <WiedervorlageTable items={items} onChanged={list.reload} showTarget caption={`${label} (${items.length})`} />
                </section>
              );
            })
          )
        }
      </Loaded>
    </div>
  );
}
