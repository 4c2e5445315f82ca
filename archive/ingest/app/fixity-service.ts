import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArchivFixityRun } from '../../../contract/methods/archiv';
import { appendAudit } from '../../../core/audit/index';
import type { CallCtx } from '../../../core/records/context';
import type { Queryable } from '../../../core/store/store';
import { parseManifest } from '../../aussonderung/manifest';
import { checkBagFixity, type FixityChange } from '../bag-fixity';

type Result = ArchivFixityRun['results'][number];

/** Payload files whose manifest line no longer says what the register recorded when the bag was written. */
async function manifestAgainstRegister(
  bag: string,
  registered: ReadonlyMap<string, string>,
): Promise<FixityChange[]> {
  const manifest = new Map(
    parseManifest(await readFile(path.join(bag, 'manifest-sha256.txt'), 'utf8')).lines.map((l) => [
      l.name,
      l.sha256,
    ]),
  );
  return [...registered]
    .filter(([file, sha256]) => manifest.get(file) !== sha256)
    .map(([file]) => ({ file, change: manifest.has(file) ? 'changed' : 'missing' }));
}

async function checkSubmission(
  bag: string,
  registered: ReadonlyMap<string, string>,
): Promise<Pick<Result, 'outcome' | 'changes'>> {
  if (!(await stat(path.join(bag, 'manifest-sha256.txt')).catch(() => undefined)))
    return { outcome: 'missing', changes: [] };
  const all = [...(await checkBagFixity(bag)), ...(await manifestAgainstRegister(bag, registered))];
  const changes = [...new Map(all.map((c) => [`${c.change} ${c.file}`, c])).values()];
  return { outcome: changes.length ? 'changed' : 'ok', changes };
}

/**
 * Re-checks every submission package: each file against its bag's manifests (re-hashed), the payload
 * manifest against the register (a bag rewritten with new manifests still shows), unlisted files. The
 * run and its results are kept append-only.
 */
export async function runFixity(ctx: CallCtx): Promise<ArchivFixityRun> {
  const startedAt = ctx.clock.now().toISOString();
  const submissions = await ctx.store.reader.all<{ id: number; path: string; prozess_id: string }>(
    'SELECT s.id, s.path, r.prozess_id FROM archiv_submission s JOIN archiv_receipt r ON r.id = s.receipt_id ORDER BY s.id',
  );
  const results: (Result & { submissionId: number })[] = [];
  let files = 0;
  for (const s of submissions) {
    const rows = await ctx.store.reader.all<{ path: string; sha256: string }>(
      'SELECT path, sha256 FROM archiv_submission_file WHERE submission_id = ?',
      [s.id],
    );
    files += rows.length;
    const checked = await checkSubmission(s.path, new Map(rows.map((r) => [r.path, r.sha256])));
    results.push({ submissionId: s.id, prozessId: s.prozess_id, path: s.path, ...checked });
  }
  const finishedAt = ctx.clock.now().toISOString();
  const changed = results.filter((r) => r.outcome !== 'ok');
  const runId = await ctx.store.write(async (tx) => {
    const { lastID } = await tx.run(
      'INSERT INTO archiv_fixity_run (started_at, finished_at, run_by, packages, files, changed_packages) VALUES (?, ?, ?, ?, ?, ?)',
      [startedAt, finishedAt, ctx.caller.username, results.length, files, changed.length],
    );
    for (const r of results)
      await tx.run(
        'INSERT INTO archiv_fixity_result (run_id, submission_id, outcome, changes) VALUES (?, ?, ?, ?)',
        [lastID, r.submissionId, r.outcome, JSON.stringify(r.changes)],
      );
    await appendAudit(tx, ctx.clock.now(), {
      actor: ctx.caller.username,
      action: 'archiv.fixity_run',
      objectType: 'archiv_fixity_run',
      objectUuid: null,
      amtId: null,
      details: { packages: results.length, files, changed: changed.map((r) => r.prozessId) },
    });
    return lastID;
  });
  if (changed.length)
    ctx.logger.warn('archiv fixity changes', {
      run: runId,
      changed: changed.map((r) => r.prozessId).join(','),
    });
  return (await fixityRuns(ctx.store.reader, 1, runId))[0]!;
}

/** The latest runs (or one run) with their results, newest first. */
export async function fixityRuns(q: Queryable, limit: number, runId?: number): Promise<ArchivFixityRun[]> {
  const runs = await q.all<{
    id: number;
    started_at: string;
    finished_at: string;
    run_by: string;
    packages: number;
    files: number;
  }>(
    `SELECT id, started_at, finished_at, run_by, packages, files FROM archiv_fixity_run ${runId === undefined ? '' : 'WHERE id = ?'} ORDER BY id DESC LIMIT ?`,
    runId === undefined ? [limit] : [runId, limit],
  );
  const out: ArchivFixityRun[] = [];
  for (const run of runs) {
    const results = await q.all<{
      prozess_id: string;
      path: string;
      outcome: Result['outcome'];
      changes: string;
    }>(
      `SELECT r.prozess_id, s.path, f.outcome, f.changes FROM archiv_fixity_result f
       JOIN archiv_submission s ON s.id = f.submission_id JOIN archiv_receipt r ON r.id = s.receipt_id
       WHERE f.run_id = ? ORDER BY s.id`,
      [run.id],
    );
    out.push({
      runId: run.id,
      startedAt: run.started_at,
      finishedAt: run.finished_at,
      runBy: run.run_by,
      packages: run.packages,
      files: run.files,
      results: results.map((r) => ({
        prozessId: r.prozess_id,
        path: r.path,
        outcome: r.outcome,
        changes: JSON.parse(r.changes) as FixityChange[],
      })),
    });
  }
  return out;
}
