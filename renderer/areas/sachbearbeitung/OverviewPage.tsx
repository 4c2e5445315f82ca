import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { Loaded } from '../../components/Loaded';
import { PageHead } from '../../components/PageHead';
import { useRecordsChanged } from '../../components/use-records-changed';
import { de } from '../../i18n/de';
import { formatDate, localToday } from '../../i18n/format';
import { useRecent } from '../../offline/OfflineProvider';
import { routeHref } from '../../routing/routes';
import { clerkAmter } from '../../session/roles';
import { useUser } from '../../session/SessionProvider';
import { MitzeichnungenPanel } from './MitzeichnungenPanel';
import { MyAktenPanel } from './MyAktenPanel';
import { WiedervorlageTable } from './WiedervorlageTable';

/** The clerk's start page: what is due today, what waits in the Posteingang, what was open last. */
export function OverviewPage() {
  const api = useApi();
  const user = useUser();
  const amter = clerkAmter(user);
  const today = localToday();
  const due = useQuery(() => api.call('wiedervorlagen.list', { dueUntil: today }), [today]);
  const inbox = useQuery(() => api.call('posteingang.list', { limit: 6 }), []);
  const recent = useRecent();
  useRecordsChanged(due.reload, ['wiedervorlage', 'akte']);
  useRecordsChanged(inbox.reload, ['document']);

  return (
    <div className="page">
      <PageHead title={de.overview.title(amter.map(de.amt).join(', '))}>
        <p className="page-count">{formatDate(today)}</p>
      </PageHead>
      <div className="dashboard">
        <section className="panel dashboard-wide" aria-labelledby="due-title">
          <div className="panel-head">
            <h2 id="due-title" className="panel-title">
              {de.overview.dueWiedervorlagen}
            </h2>
            <a className="small" href={routeHref({ name: 'sb.wiedervorlagen' })}>
              {de.overview.toWiedervorlagen}
            </a>
          </div>
          <Loaded query={due}>
            {(list) => {
              if (list.length === 0) return <p className="empty-state">{de.overview.noDue}</p>;
              const overdue = list.filter((w) => w.dueDate < today);
              const todays = list.filter((w) => w.dueDate >= today);
              return (
                <>
                  {overdue.length > 0 && (
                    <WiedervorlageTable
                      items={overdue}
                      onChanged={due.reload}
                      showTarget
                      caption={de.myWork.overdue}
                    />
                  )}
                  {todays.length > 0 && (
                    <WiedervorlageTable
                      items={todays}
                      onChanged={due.reload}
                      showTarget
                      caption={de.myWork.today}
                    />
                  )}
                </>
              );
            }}
          </Loaded>
        </section>
        <section className="panel" aria-labelledby="inbox-title">
          <div className="panel-head">
            <h2 id="inbox-title" className="panel-title">
              {de.overview.posteingang}
            </h2>
            <a className="small" href={routeHref({ name: 'sb.posteingang', documentUuid: null })}>
              {de.overview.toPosteingang}
            </a>
          </div>
          <Loaded query={inbox}>
            {(page) => (
              <>
                <p>{de.overview.posteingangCount(page.total)}</p>
                <ul className="link-list">
                  {page.items.map((d) => (
                    <li key={d.uuid}>
                      <a href={routeHref({ name: 'sb.posteingang', documentUuid: d.uuid })}>
                        <span className="link-title">{d.title}</span>
                        <span className="small muted">
                          {d.sender ?? '–'} · {formatDate(d.receivedAt)}
                        </span>
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Loaded>
        </section>
        <MitzeichnungenPanel />
        <MyAktenPanel />
        <section className="panel" aria-labelledby="recent-title">
          <h2 id="recent-title" className="panel-title">
            {de.nav.recent}
          </h2>
          {recent.length === 0 ? (
            <p className="empty-state">{de.nav.recentEmpty}</p>
          ) : (
            <ul className="link-list">
              {recent.map((r) => (
                <li key={r.key}>
                  <a
                    href={routeHref(
                      r.kind === 'akte'
                        ? { name: 'akte', uuid: r.uuid, vorgangUuid: null }
                        : { name: 'document', uuid: r.uuid },
                    )}
                  >
                    <span className="link-title">{r.title}</span>
                    <span className="small muted mono">{r.subtitle}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
