import { useApi } from '../../../api/ApiProvider';
import { useCommand, useQuery } from '../../../api/use-query';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loaded } from '../../../components/Loaded';
import { formatDateTime } from '../../../i18n/format';
import { t } from './texts';

/** The fixity register: run a check over all submission packages, see the latest result per package. */
export function FixityPanel() {
  const api = useApi();
  const runs = useQuery(() => api.call('archiv.fixityRuns', { limit: 1 }), []);
  const run = useCommand(async () => {
    await api.call('archiv.fixityRun', {});
    runs.reload();
  });
  return (
    <section className="panel ingest-section" aria-labelledby="ingest-fixity-title">
      <h2 id="ingest-fixity-title" className="panel-title">
        {t.fixity.title}
      </h2>
      <button type="button" className="btn" disabled={run.pending} onClick={() => void run.run()}>
        {run.pending ? t.fixity.running : t.fixity.run}
      </button>
      {run.error && <ErrorNotice error={run.error} onRetry={() => void run.run()} />}
      <Loaded query={runs}>
        {([latest]) =>
          latest === undefined ? (
            <p className="empty-state">{t.fixity.none}</p>
          ) : (
            <div role="status">
              <p>
                {t.fixity.checkedAt} {formatDateTime(latest.finishedAt)}:{' '}
                {t.fixity.summary(
                  latest.packages,
                  latest.files,
                  latest.results.filter((r) => r.outcome !== 'ok').length,
                )}
              </p>
              <ul className="ingest-findings">
                {latest.results.map((r) => (
                  <li key={r.path}>
                    {r.kind === 'digitalisat' && `${t.fixity.digitalisat} `}
                    <span className="mono">{r.prozessId}</span>:{' '}
                    <span className={`badge ingest-status ingest-${r.outcome === 'ok' ? 'ok' : 'error'}`}>
                      {t.fixity.outcome[r.outcome]}
                    </span>
                    {r.changes.length > 0 && (
                      <ul>
                        {r.changes.map((c) => (
                          <li key={`${c.change}-${c.file}`}>
                            <span className="mono">{c.file}</span>: {t.fixity.change[c.change]}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
