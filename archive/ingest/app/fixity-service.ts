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

/** Where each kind of package keeps its registered files and its fixity results. */
const REGISTER = {
  aussonderung: { files: 'archiv_submission_file', results: 'archiv_fixity_result', key: 'submission_id' },
  digitalisat: {
    files: 'archiv_unit_submission_file',
    results: 'archiv_unit_fixity_result',
    key: 'unit_submission_id',
  },
} as const;

/**
 * Re-checks every submission package (Aussonderungen and Digitalisate): each file against its bag's
 * manifests (re-hashed), the payload manifest against the register (a bag rewritten with new manifests
 * still shows), unlisted files. The run and its results are kept append-only.
 */
export async function runFixity(ctx: CallCtx): Promise<ArchivFixityRun> {
  const startedAt = ctx.clock.now().toISOString();
  const q = ctx.store.reader;
  const submissions = [
    ...(
      await q.all<{ id: number; path: string; label: string }>(
        'SELECT s.id, s.path, r.prozess_id AS label FROM archiv_submission s JOIN archiv_receipt r ON r.id = s.receipt_id ORDER BY s.id',
      )
    ).map((s) => ({ ...s, kind: 'aussonderung' as const })),
    ...(
      await q.all<{ id: number; path: string; label: string }>(
        'SELECT s.id, s.path, u.uuid AS label FROM archiv_unit_submission s JOIN archiv_unit u ON u.id = s.unit_id ORDER BY s.id',
      )
    ).map((s) => ({ ...s, kind: 'digitalisat' as const })),
  ];
  const results: (Result & { submissionId: number })[] = [];
  let files = 0;
  for (const s of submissions) {
    const rows = await q.all<{ path: string; sha256: string }>(
      `SELECT path, sha256 FROM ${REGISTER[s.kind].files} WHERE submission_id = ?`,
      [s.id],
    );
    files += rows.length;
    const checked = await checkSubmission(s.path, new Map(rows.map((r) => [r.path, r.sha256])));
    results.push({ submissionId: s.id, kind: s.kind, prozessId: s.label, path: s.path, ...checked });
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
        `INSERT INTO ${REGISTER[r.kind].results} (run_id, ${REGISTER[r.kind].key}, outcome, changes) VALUES (?, ?, ?, ?)`,
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
  return (await fixityRuns(q, 1, runId))[0]!;
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
      kind: Result['kind'];
      label: string;
      path: string;
      outcome: Result['outcome'];
      changes: string;
    }>(
      `SELECT 'aussonderung' AS kind, r.prozess_id AS label, s.path, f.outcome, f.changes, s.id AS sid FROM archiv_fixity_result f
       JOIN archiv_submission s ON s.id = f.submission_id JOIN archiv_receipt r ON r.id = s.receipt_id
       WHERE f.run_id = ?
       UNION ALL
       SELECT 'digitalisat' AS kind, u.uuid AS label, s.path, f.outcome, f.changes, s.id AS sid FROM archiv_unit_fixity_result f
       JOIN archiv_unit_submission s ON s.id = f.unit_submission_id JOIN archiv_unit u ON u.id = s.unit_id
       WHERE f.run_id = ?
       ORDER BY kind, sid`,
      [run.id, run.id],
    );
    out.push({
      runId: run.id,
      startedAt: run.started_at,
      finishedAt: run.finished_at,
      runBy: run.run_by,
      packages: run.packages,
      files: run.files,
      results: results.map((r) => ({
        kind: r.kind,
        prozessId: r.label,
        path: r.path,
        outcome: r.outcome,
        changes: JSON.parse(r.changes) as FixityChange[],
      })),
    });
  }
  return out;
}
