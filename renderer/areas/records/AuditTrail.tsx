import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { Loaded } from '../../components/Loaded';
import { useRecordsChanged } from '../../components/use-records-changed';
import { de } from '../../i18n/de';
import { formatDateTime } from '../../i18n/format';

const detailText = (details: Record<string, unknown>) =>
  Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');

/** The audit entries of one Akte or Dokument, oldest first as recorded; a change of that object adds its entry. */
export function AuditTrail({ uuid }: { uuid: string }) {
  const api = useApi();
  const entries = useQuery(() => api.call('audit.forObject', { uuid }), [uuid]);
  useRecordsChanged(entries.reload, undefined, uuid);
  return (
    <Loaded query={entries}>
      {(list) =>
        list.length === 0 ? (
          <p className="empty-state">{de.audit.empty}</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">{de.audit.title}</caption>
            <thead>
              <tr>
                <th scope="col">{de.audit.at}</th>
                <th scope="col">{de.audit.actor}</th>
                <th scope="col">{de.audit.action}</th>
                <th scope="col">{de.audit.details}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.seq}>
                  <td className="nowrap">{formatDateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>{de.audit.actions[e.action] ?? e.action}</td>
                  <td className="details-cell">{detailText(e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Loaded>
  );
}
