import type { ErrorCode, ErrorParams } from '../../contract/errors';
import type { Queryable, SqlValue, WriteTx } from '../store/db';
import type { JobRecord, JobStatus, Json, StageRecord } from './types';

/** The SQL of the job tables; only core/jobs writes them. */

interface JobRow {
  id: number;
  uuid: string;
  kind: string;
  subject: string;
  parent_id: number | null;
  child_no: number | null;
  first_stage: string;
  stage: string | null;
  status: JobStatus;
  attempt: number;
  error_code: string | null;
  error_params: string | null;
  input: string;
  identities: string;
  result: string | null;
  label: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

const toJob = (r: JobRow): JobRecord => ({
  id: r.id,
  uuid: r.uuid,
  kind: r.kind,
  subject: r.subject,
  parentId: r.parent_id,
  childNo: r.child_no,
  firstStage: r.first_stage,
  stage: r.stage,
  status: r.status,
  attempt: r.attempt,
  error: r.error_code
    ? {
        code: r.error_code as ErrorCode,
        params: r.error_params ? (JSON.parse(r.error_params) as ErrorParams) : {},
      }
    : null,
  input: JSON.parse(r.input) as Json,
  identities: JSON.parse(r.identities) as Record<string, string>,
  result: r.result === null ? null : (JSON.parse(r.result) as Json),
  label: r.label,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NewJob {
  uuid: string;
  kind: string;
  subject: string;
  parent: { id: number; childNo: number } | null;
  firstStage: string;
  input: Json;
  identities: Record<string, string>;
  label: string;
  createdBy: number | null;
  now: string;
}

/** Inserts a queued job; a child that already exists (same parent and position) is returned unchanged. */
export async function insertJob(tx: WriteTx, job: NewJob): Promise<number> {
  const { changes, lastID } = await tx.run(
    `INSERT OR IGNORE INTO job (uuid, kind, subject, parent_id, child_no, first_stage, stage, status, input, identities, label,
       created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)`,
    [
      job.uuid,
      job.kind,
      job.subject,
      job.parent?.id ?? null,
      job.parent?.childNo ?? null,
      job.firstStage,
      job.firstStage,
      JSON.stringify(job.input),
      JSON.stringify(job.identities),
      job.label,
      job.createdBy,
      job.now,
      job.now,
    ],
  );
  if (changes === 1) return lastID;
  const existing = await tx.get<{ id: number }>('SELECT id FROM job WHERE parent_id = ? AND child_no = ?', [
    job.parent?.id ?? null,
    job.parent?.childNo ?? null,
  ]);
  if (!existing) throw new Error(`job ${job.uuid} neither inserted nor found`);
  return existing.id;
}

export async function loadJob(
  q: Queryable,
  ref: { id: number } | { uuid: string },
): Promise<JobRecord | null> {
  const row =
    'id' in ref
      ? await q.get<JobRow>('SELECT * FROM job WHERE id = ?', [ref.id])
      : await q.get<JobRow>('SELECT * FROM job WHERE uuid = ?', [ref.uuid]);
  return row ? toJob(row) : null;
}

export interface JobFilter {
  statuses?: readonly JobStatus[];
  kind?: string;
  parentId?: number | null;
  subject?: string;
  createdBy?: number;
  /** Leaves out jobs that ended with this code (e.g. discarded ones from the Klärfälle). */
  excludeErrorCode?: ErrorCode;
  newestFirst?: boolean;
  limit?: number;
  offset?: number;
}

export async function listJobs(
  q: Queryable,
  f: JobFilter = {},
): Promise<{ items: JobRecord[]; total: number }> {
  const where: string[] = ['1'];
  const params: SqlValue[] = [];
  if (f.statuses?.length) {
    where.push(`status IN (${f.statuses.map(() => '?').join(',')})`);
    params.push(...f.statuses);
  }
  if (f.kind !== undefined) {
    where.push('kind = ?');
    params.push(f.kind);
  }
  if (f.parentId === null) where.push('parent_id IS NULL');
  else if (f.parentId !== undefined) {
    where.push('parent_id = ?');
    params.push(f.parentId);
  }
  if (f.subject !== undefined) {
    where.push('subject = ?');
    params.push(f.subject);
  }
  if (f.createdBy !== undefined) {
    where.push('created_by = ?');
    params.push(f.createdBy);
  }
  if (f.excludeErrorCode !== undefined) {
    where.push('error_code IS NOT ?');
    params.push(f.excludeErrorCode);
  }
  const sql = where.join(' AND ');
  const total = await q.get<{ n: number }>(`SELECT count(*) AS n FROM job WHERE ${sql}`, params);
  const rows = await q.all<JobRow>(
    `SELECT * FROM job WHERE ${sql} ORDER BY id ${f.newestFirst ? 'DESC' : ''} LIMIT ? OFFSET ?`,
    [...params, f.limit ?? 1000, f.offset ?? 0],
  );
  return { items: rows.map(toJob), total: total?.n ?? 0 };
}

export async function stageRows(q: Queryable, jobId: number): Promise<StageRecord[]> {
  const rows = await q.all<{
    stage: string;
    outcome: 'done' | 'skipped';
    output_file: string | null;
    output_sha256: string | null;
    finished_at: string;
  }>('SELECT * FROM job_stage WHERE job_id = ? ORDER BY rowid', [jobId]);
  return rows.map((r) => ({
    stage: r.stage,
    outcome: r.outcome,
    outputFile: r.output_file,
    outputSha256: r.output_sha256,
    finishedAt: r.finished_at,
  }));
}

/** Records a finished stage and moves the job on to `next` (null: no stage left). */
export async function finishStage(
  tx: WriteTx,
  jobId: number,
  row: Omit<StageRecord, 'finishedAt'>,
  next: string | null,
  now: string,
): Promise<void> {
  await tx.run(
    'INSERT INTO job_stage (job_id, stage, outcome, output_file, output_sha256, finished_at) VALUES (?, ?, ?, ?, ?, ?)',
    [jobId, row.stage, row.outcome, row.outputFile, row.outputSha256, now],
  );
  await tx.run('UPDATE job SET stage = ?, updated_at = ? WHERE id = ?', [next, now, jobId]);
}

/** Forgets every finished stage: the job starts again at its first stage (its work files are gone). */
export async function forgetStages(tx: WriteTx, job: JobRecord, now: string): Promise<void> {
  await tx.run('DELETE FROM job_stage WHERE job_id = ?', [job.id]);
  await tx.run('UPDATE job SET stage = first_stage, updated_at = ? WHERE id = ?', [now, job.id]);
}

export interface StatusChange {
  status: JobStatus;
  error?: { code: ErrorCode; params: ErrorParams } | null;
  result?: Json;
}

/** Sets status (and error/result); `from` guards against a change that raced with another. */
export async function setStatus(
  tx: WriteTx,
  jobId: number,
  change: StatusChange,
  now: string,
  from?: readonly JobStatus[],
): Promise<boolean> {
  const sets = ['status = ?', 'updated_at = ?'];
  const params: SqlValue[] = [change.status, now];
  if (change.error !== undefined) {
    sets.push('error_code = ?', 'error_params = ?');
    params.push(change.error?.code ?? null, change.error ? JSON.stringify(change.error.params) : null);
  }
  if (change.result !== undefined) {
    sets.push('result = ?');
    params.push(JSON.stringify(change.result));
  }
  let guard = '';
  if (from) {
    guard = ` AND status IN (${from.map(() => '?').join(',')})`;
    params.push(jobId, ...from);
  } else params.push(jobId);
  const { changes } = await tx.run(`UPDATE job SET ${sets.join(', ')} WHERE id = ?${guard}`, params);
  return changes === 1;
}

/** Takes a queued job for running; false when another caller was faster or it changed meanwhile. */
export async function claimJob(tx: WriteTx, jobId: number, now: string): Promise<boolean> {
  const { changes } = await tx.run(
    `UPDATE job SET status = 'running', attempt = attempt + 1, error_code = NULL, error_params = NULL, updated_at = ?
     WHERE id = ? AND status = 'queued'`,
    [now, jobId],
  );
  return changes === 1;
}

/** After a crash, jobs that were running are queued again; they continue at their first unfinished stage. */
export async function requeueInterrupted(tx: WriteTx, now: string): Promise<number> {
  const { changes } = await tx.run(
    `UPDATE job SET status = 'queued', updated_at = ? WHERE status = 'running'`,
    [now],
  );
  return changes;
}

/** Queued jobs in creation order, for the queue to pick from. */
export async function queuedJobs(q: Queryable, limit: number): Promise<{ id: number; subject: string }[]> {
  return q.all(`SELECT id, subject FROM job WHERE status = 'queued' ORDER BY id LIMIT ?`, [limit]);
}

/** A parent whose children are all finished (done or failed) is done too. */
export async function finishParentIfComplete(tx: WriteTx, parentId: number, now: string): Promise<boolean> {
  const { changes } = await tx.run(
    `UPDATE job SET status = 'done', updated_at = ? WHERE id = ? AND status = 'waiting'
       AND NOT EXISTS (SELECT 1 FROM job c WHERE c.parent_id = job.id AND c.status NOT IN ('done', 'failed'))`,
    [now, parentId],
  );
  return changes === 1;
}
