import type { IntakeJob } from '../../../contract/methods/intake';
import { useApi } from '../../api/ApiProvider';
import { useCommand } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../i18n/format';
import { useIntakeJobs } from './JobList';
import { t } from './texts';

/** Jobs that stopped with a reason: the original stays stored; retry (after fixing the cause) or discard. */
export function Klaerfaelle() {
  const api = useApi();
  const { query } = useIntakeJobs(() => api.call('intake.listKlaerfaelle', { limit: 100, offset: 0 }), 0);
  const act = useCommand(async (method: 'intake.retryJob' | 'intake.discardJob', uuid: string) => {
    await api.call(method, { uuid });
    query.reload();
  });
  if (query.error) return <ErrorNotice error={query.error} onRetry={query.reload} />;
  const items = query.data?.items ?? [];
  return (
    <section aria-labelledby="klaerfaelle-title">
      <h2 id="klaerfaelle-title" className="section-title">
        {t.klaerfaelle.title}
      </h2>
      {act.error && <ErrorNotice error={act.error} />}
      {items.length === 0 ? (
        <p className="empty-state">{query.loading ? '…' : t.klaerfaelle.empty}</p>
      ) : (
        <table className="table">
          <caption className="table-caption">{t.klaerfaelle.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.jobs.file}</th>
              <th scope="col">{t.jobs.received}</th>
              <th scope="col">{t.klaerfaelle.reason}</th>
              <th scope="col">
                <span className="visually-hidden">{t.jobs.status}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((j: IntakeJob) => (
              <tr key={j.uuid}>
                <td className="cell-strong">{j.label}</td>
                <td>{formatDateTime(j.receivedAt)}</td>
                <td>{j.error?.message}</td>
                <td className="job-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={t.klaerfaelle.retry(j.label)}
                    disabled={act.pending}
                    onClick={() => void act.run('intake.retryJob', j.uuid)}
                  >
                    {t.klaerfaelle.retryShort}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    aria-label={t.klaerfaelle.discard(j.label)}
                    disabled={act.pending}
                    onClick={() => void act.run('intake.discardJob', j.uuid)}
                  >
                    {t.klaerfaelle.discardShort}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
