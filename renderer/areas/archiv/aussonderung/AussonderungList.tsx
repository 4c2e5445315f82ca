import type { AussonderungSummary } from '../../../../contract/methods/aussonderung';
import type { QueryState } from '../../../api/use-query';
import { Loaded } from '../../../components/Loaded';
import { formatDateTime } from '../../../i18n/format';
import { routeHref } from '../../../routing/routes';
import { t } from './texts';

/** Every Aussonderung with where it stands and the archive's decisions so far. */
export function AussonderungList({ query }: { query: QueryState<AussonderungSummary[]> }) {
  return (
    <section className="panel aus-section" aria-labelledby="aus-list-title">
      <h2 id="aus-list-title" className="panel-title">
        {t.list.title}
      </h2>
      <Loaded query={query}>
        {(items) =>
          items.length === 0 ? (
            <p className="empty-state">{t.list.none}</p>
          ) : (
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t.list.process}</th>
                  <th scope="col">{t.list.created}</th>
                  <th scope="col">{t.list.amt}</th>
                  <th scope="col">{t.list.state}</th>
                  <th scope="col" className="align-right">
                    {t.list.akten}
                  </th>
                  <th scope="col">{t.list.decisions}</th>
                  <th scope="col" className="align-right">
                    {t.list.deleted}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.prozessId}>
                    <td className="nowrap">
                      <a href={routeHref({ name: 'archiv.aussonderung', prozessId: s.prozessId })}>{t.detail.title(s.prozessId)}</a>
                    </td>
                    <td className="nowrap">
                      {formatDateTime(s.createdAt)}
                      <span className="small muted">{s.createdBy}</span>
                    </td>
                    <td>{s.amtId}</td>
                    <td>
                      <StateBadge state={s.state} />
                    </td>
                    <td className="align-right">{s.akten}</td>
                    <td className="nowrap">
                      {s.decisions.A} / {s.decisions.B} / {s.decisions.V} / {s.decisions.open}
                    </td>
                    <td className="align-right">{s.deleted}</td>
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

export function StateBadge({ state }: { state: AussonderungSummary['state'] }) {
  return <span className={`badge aus-state aus-state-${state}`}>{t.state[state]}</span>;
}
