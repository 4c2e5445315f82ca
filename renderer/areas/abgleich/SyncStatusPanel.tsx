import { useState } from 'react';
import type { SyncDetails } from '../../../contract/methods/sync';
import { useApi } from '../../api/ApiProvider';
import { useCommand, type QueryState } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Facts } from '../../components/Facts';
import { Loaded } from '../../components/Loaded';
import { formatDateTime } from '../../i18n/format';
import { t } from './texts';

/** Pending changes, last success, the last error in German, and "Jetzt synchronisieren". */
export function SyncStatusPanel({ query }: { query: QueryState<SyncDetails> }) {
  const api = useApi();
  const [outcome, setOutcome] = useState<string | null>(null);
  const run = useCommand(async (retryFailed: boolean) => {
    setOutcome(null);
    const r = await api.call('sync.run', { retryFailed });
    setOutcome(r.ok ? t.status.ran(r.pushed) : t.status.interrupted);
    query.reload();
  });
  const at = (iso: string | null) => (iso ? formatDateTime(iso) : t.status.never);
  return (
    <section className="panel sync-panel" aria-labelledby="sync-status-title">
      <h2 id="sync-status-title" className="panel-title">
        {t.status.title}
      </h2>
      <Loaded query={query}>
        {(s) => (
          <>
            <Facts
              items={[
                [t.status.state, <span className={`sync-state sync-state-${s.state}`}>{t.state[s.state]}</span>],
                [t.status.pending, `${s.pendingOperations}${s.failedOperations ? ` (${t.status.failed(s.failedOperations)})` : ''}`],
                [t.status.conflicts, String(s.openConflicts)],
                [t.status.lastSuccess, at(s.lastSuccessAt)],
                [t.status.lastAttempt, at(s.lastAttemptAt)],
                ...(s.nextRetryAt ? [[t.status.nextRetry, at(s.nextRetryAt)] as [string, string]] : []),
              ]}
            />
            {s.lastError && (
              <div className="notice notice-error sync-last-error">
                <p className="notice-text">
                  <strong>{t.status.lastError}:</strong> {s.lastError.message}
                </p>
              </div>
            )}
            {s.state !== 'not_configured' && (
              <div className="sync-actions">
                <button type="button" className="btn btn-primary" disabled={run.pending} onClick={() => void run.run(false)}>
                  {run.pending ? t.status.running : t.status.runNow}
                </button>
                {s.failedOperations > 0 && (
                  <button type="button" className="btn" disabled={run.pending} onClick={() => void run.run(true)}>
                    {t.status.retryFailed}
                  </button>
                )}
              </div>
            )}
            <p className="sync-outcome" role="status">
              {outcome}
            </p>
            {run.error && <ErrorNotice error={run.error} />}
          </>
        )}
      </Loaded>
    </section>
  );
}
