import { useEffect, useState } from 'react';
import type { IntakeBatch, IntakeJob } from '../../../contract/methods/intake';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate, formatDateTime } from '../../i18n/format';
import { t } from './texts';

interface Progress {
  stage: string;
  done: number;
  total: number;
}

/** Reloads on every job change the core reports; `job.progress` events give per-page progress. */
export function useIntakeJobs<T>(load: () => Promise<T>, version: number) {
  const api = useApi();
  const [changes, setChanges] = useState(0);
  const [progress, setProgress] = useState<Record<string, Progress>>({});
  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type === 'job.progress')
          setProgress((p) => ({ ...p, [e.jobId]: { stage: e.stage, done: e.done, total: e.total } }));
        else if (e.type === 'records.changed' && e.objectType === 'job') setChanges((n) => n + 1);
      }),
    [api],
  );
  return { query: useQuery(load, [version, changes]), progress };
}

const inReview = (j: IntakeJob) => j.status === 'waiting' && j.stage === 'review';
const active = (j: IntakeJob) => j.status === 'running' || j.status === 'queued';

/** The post room's batches: each source file with the documents made of it, live while they run. */
export function JobList({ version, onReview }: { version: number; onReview: (job: IntakeJob) => void }) {
  const api = useApi();
  const { query, progress } = useIntakeJobs(
    () => api.call('intake.listJobs', { limit: 50, offset: 0 }),
    version,
  );
  if (query.error) return <ErrorNotice error={query.error} onRetry={query.reload} />;
  const batches = query.data?.items ?? [];
  return (
    <section className="intake-jobs" aria-labelledby="intake-jobs-title">
      <h2 id="intake-jobs-title" className="section-title">
        {t.jobs.title}
      </h2>
      {batches.length === 0 ? (
        <p className="empty-state">{query.loading ? '…' : t.jobs.empty}</p>
      ) : (
        <ul className="job-list">
          {batches.map((b) => (
            <BatchItem key={b.uuid} batch={b} progress={progress} onReview={onReview} />
          ))}
        </ul>
      )}
    </section>
  );
}

function BatchItem({
  batch,
  progress,
  onReview,
}: {
  batch: IntakeBatch;
  progress: Record<string, Progress>;
  onReview: (job: IntakeJob) => void;
}) {
  return (
    <li className="job-batch">
      <div className="job-head">
        <span className="cell-strong">{batch.original.fileName}</span>
        <span className={`badge job-status-${batch.status}`}>{t.status[batch.status]}</span>
        <span className="hint">{formatDateTime(batch.receivedAt)}</span>
      </div>
      <JobProgress job={batch} progress={progress} />
      {batch.error && <p className="notice notice-error">{batch.error.message}</p>}
      {batch.children.length > 0 && (
        <ol className="job-children">
          {batch.children.map((c) => (
            <li key={c.uuid} className="job-child">
              <span>{c.label}</span>{' '}
              <span className={`badge job-status-${c.status}`}>{t.status[c.status]}</span>
              <JobProgress job={c} progress={progress} />
              {c.result && <ResultFacts job={c} />}
              {c.error && <p className="notice notice-error">{c.error.message}</p>}
              {inReview(c) && (
                <button type="button" className="btn btn-small btn-primary" onClick={() => onReview(c)}>
                  {t.jobs.review(c.label)}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

function JobProgress({ job, progress }: { job: IntakeJob; progress: Record<string, Progress> }) {
  const p = progress[job.uuid];
  if (!active(job) || !p || p.total === 0) return null;
  return (
    <div className="job-progress">
      <progress max={p.total} value={p.done} aria-label={t.jobs.progressLabel(job.label)} />
      <span className="hint">{t.jobs.stage(p.stage, p.done, p.total)}</span>
    </div>
  );
}

function ResultFacts({ job }: { job: IntakeJob }) {
  const r = job.result!;
  return (
    <span className="job-facts">
      {[
        t.jobs.pages(r.pages),
        r.ocr.skippedReason === 'text_layer' ? t.jobs.ocrSkipped : t.jobs.ocr(r.ocr.meanConfidence),
        t.jobs.stamp(formatDate(job.receivedAt)),
        r.aktenzeichen ? t.jobs.az(r.aktenzeichen) : null,
        r.blankPagesRemoved.length ? t.jobs.blanks(r.blankPagesRemoved) : null,
      ]
        .filter(Boolean)
        .join(' · ')}
    </span>
  );
}
