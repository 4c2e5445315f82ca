import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { Loaded } from '../../components/Loaded';
import { AkteStatusBadge } from '../../components/StatusBadge';
import { useRecordsChanged } from '../../components/use-records-changed';
import { de } from '../../i18n/de';
import { routeHref } from '../../routing/routes';

/** "Meine Akten": the Akten the clerk owns (created or took over), in Aktenzeichen order. */
export function MyAktenPanel() {
  const api = useApi();
  const mine = useQuery(() => api.call('akten.list', { mine: true, limit: 12 }), []);
  useRecordsChanged(mine.reload, ['akte']);
  return (
    <section className="panel" aria-labelledby="mine-title">
      <h2 id="mine-title" className="panel-title">
        {de.myWork.mine}
      </h2>
      <Loaded query={mine}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="empty-state">{de.myWork.noMine}</p>
          ) : (
            <ul className="link-list">
              {page.items.map((a) => (
                <li key={a.uuid}>
                  <a href={routeHref({ name: 'akte', uuid: a.uuid, vorgangUuid: null })}>
                    <span className="link-title">{a.title}</span>
                    <span className="small muted">
                      <span className="mono">{a.aktenzeichen}</span> <AkteStatusBadge status={a.status} />
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}
