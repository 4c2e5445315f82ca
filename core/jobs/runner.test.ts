import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../contract/app-error';
import type { AppEvent } from '../../contract/events';
import { tempDir } from '../../test/helpers/temp-dir';
import { fixedClock } from '../platform/clock';
import { createEventBus } from '../platform/event-bus';
import { seededIds } from '../platform/ids';
import { silentLogger } from '../platform/logger';
import { openStore, type Store } from '../store/store';
import { createJob, decideHold, discardJob, retryJob } from './jobs';
import { listJobs, loadJob, stageRows } from './job-rows';
import { definePipeline } from './pipeline';
import { mapPool } from './pool';
import { createJobQueue } from './queue';
import { runJob, type RunnerDeps } from './runner';
import type { JobRecord, Pipeline } from './types';
import { WorkFolders } from './work-folder';

/** A small pipeline over numbers: every stage counts its calls, and tests can make one fail once. */
function numbersPipeline(
  opts: { failAt?: string; abortAt?: { stage: string; controller: AbortController } } = {},
) {
  const calls: Record<string, number> = {};
  const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
  const failOnce = new Set(opts.failAt ? [opts.failAt] : []);
  const maybeFail = (name: string) => {
    if (failOnce.delete(name))
      throw new AppError('jobs.work_file_missing', { stage: name }, `injected failure in ${name}`);
    if (opts.abortAt?.stage === name && calls[name] === 1) {
      opts.abortAt.controller.abort();
      throw new Error('aborted while running');
    }
  };
  const pipeline = definePipeline<{ values: number[] }>('numbers', ['recordKey'])
    .then({
      kind: 'transform',
      name: 'double',
      async run(input, ctx) {
        count('double');
        maybeFail('double');
        const values = await ctx.pool(input.values, (v, i) =>
          ctx.once('value.json', i, async () => {
            count('double.page');
            return v * 2;
          }),
        );
        return { values };
      },
    })
    .optional({
      kind: 'transform',
      name: 'negate',
      applies: (input) => input.values.some((v) => v < 0),
      async run(input) {
        count('negate');
        return { values: input.values.map((v) => -v) };
      },
    })
    .split({
      kind: 'split',
      name: 'split',
      async run(input) {
        count('split');
        maybeFail('split');
        return {
          children: input.values.map((v) => ({
            subject: `value-${v}`,
            label: `Wert ${v}`,
            input: { value: v },
          })),
          summary: { parts: input.values.length },
        };
      },
    })
    .then({
      kind: 'transform',
      name: 'square',
      async run(input: { value: number }) {
        count('square');
        maybeFail('square');
        return { value: input.value * input.value };
      },
    })
    .commit({
      kind: 'commit',
      name: 'commit',
      async commit(input, ctx) {
        count('commit');
        await ctx.tx.run('INSERT INTO setting (key, value) VALUES (?, ?)', [
          ctx.job.identities.recordKey ?? '',
          String(input.value),
        ]);
        return { stored: input.value };
      },
    });
  return { pipeline, calls };
}

describe('job runner', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let deps: RunnerDeps;
  let events: AppEvent[];
  const clock = fixedClock('2026-11-23T09:00:00Z');

  beforeEach(async () => {
    dir = tempDir();
    store = await openStore({ dataDir: dir.path, logger: silentLogger, now: clock.now() });
    const bus = createEventBus();
    events = [];
    bus.subscribe((e) => events.push(e));
    deps = {
      store,
      clock,
      ids: seededIds(7),
      logger: silentLogger,
      events: bus,
      work: new WorkFolders(join(dir.path, 'work', 'jobs')),
      pageConcurrency: 2,
    };
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  const start = async (pipeline: Pipeline, values: number[]) => {
    const job = await store.write((tx) =>
      createJob(
        tx,
        deps.ids,
        pipeline,
        { subject: 'batch', label: 'Stapel', input: { values }, createdBy: null },
        clock.now(),
      ),
    );
    return job;
  };
  const claimAndRun = async (pipeline: Pipeline, job: JobRecord, signal = new AbortController().signal) => {
    await store.write((tx) =>
      tx.run(`UPDATE job SET status = 'running', attempt = attempt + 1 WHERE id = ?`, [job.id]),
    );
    return runJob(deps, pipeline, job.id, signal);
  };
  const children = async (parent: JobRecord) => (await listJobs(store.reader, { parentId: parent.id })).items;
  const settings = () =>
    store.reader.all<{ key: string; value: string }>('SELECT key, value FROM setting ORDER BY value');

  it('runs the stages in order, records each with its output hash, splits and commits every child once', async () => {
    const { pipeline, calls } = numbersPipeline();
    const parent = await start(pipeline, [1, 2, 3]);
    const afterSplit = await claimAndRun(pipeline, parent);
    expect(afterSplit).toMatchObject({ status: 'waiting', result: { parts: 3 } });
    const rows = await stageRows(store.reader, parent.id);
    expect(rows.map((r) => [r.stage, r.outcome])).toEqual([
      ['double', 'done'],
      ['negate', 'skipped'],
      ['split', 'done'],
    ]);
    expect(rows[0]?.outputSha256).toMatch(/^[0-9a-f]{64}$/);
    const kids = await children(parent);
    expect(kids.map((k) => [k.firstStage, k.status, k.input])).toEqual([
      ['square', 'queued', { value: 2 }],
      ['square', 'queued', { value: 4 }],
      ['square', 'queued', { value: 6 }],
    ]);
    expect(new Set(kids.map((k) => k.identities.recordKey)).size).toBe(3);
    for (const kid of kids) expect((await claimAndRun(pipeline, kid)).status).toBe('done');
    expect((await settings()).map((s) => s.value)).toEqual(['16', '36', '4']);
    expect((await loadJob(store.reader, { id: parent.id }))?.status).toBe('done');
    expect(calls).toMatchObject({ double: 1, 'double.page': 3, split: 1, square: 3, commit: 3 });
    expect(calls.negate).toBeUndefined();
    expect(events.filter((e) => e.type === 'job.progress')).toEqual([]);
  });

  it('stops a failing stage as a Klärfall with its code; retry resumes at that stage with the same ids', async () => {
    const { pipeline, calls } = numbersPipeline({ failAt: 'square' });
    const parent = await start(pipeline, [5]);
    await claimAndRun(pipeline, parent);
    const [kid] = await children(parent);
    if (!kid) throw new Error('no child');
    const failed = await claimAndRun(pipeline, kid);
    expect(failed).toMatchObject({
      status: 'needs_review',
      stage: 'square',
      error: { code: 'jobs.work_file_missing', params: { stage: 'square' } },
    });
    expect((await loadJob(store.reader, { id: parent.id }))?.status).toBe('waiting');
    await store.write((tx) => retryJob(tx, kid.uuid, clock.now()));
    const done = await claimAndRun(pipeline, kid);
    expect(done).toMatchObject({ status: 'done', attempt: 2, error: null, result: { stored: 100 } });
    expect(done.identities).toEqual(kid.identities);
    expect(calls).toMatchObject({ double: 1, square: 2, commit: 1 });
    await expect(store.write((tx) => retryJob(tx, kid.uuid, clock.now()))).rejects.toMatchObject({
      code: 'jobs.wrong_status',
    });
  });

  it('continues an interrupted job at the first unfinished stage and reuses finished pages', async () => {
    const controller = new AbortController();
    const { pipeline, calls } = numbersPipeline({ abortAt: { stage: 'split', controller } });
    const parent = await start(pipeline, [1, -2]);
    const interrupted = await claimAndRun(pipeline, parent, controller.signal);
    expect(interrupted).toMatchObject({ status: 'queued', stage: 'split', error: null });
    expect((await stageRows(store.reader, parent.id)).map((r) => r.stage)).toEqual(['double', 'negate']);
    const resumed = await claimAndRun(pipeline, parent);
    expect(resumed.status).toBe('waiting');
    expect((await children(parent)).map((k) => k.input)).toEqual([{ value: -2 }, { value: 4 }]);
    expect(calls).toMatchObject({ double: 1, 'double.page': 2, negate: 1, split: 2 });
  });

  it('starts over when the work folder of a finished stage was lost', async () => {
    const controller = new AbortController();
    const { pipeline, calls } = numbersPipeline({ abortAt: { stage: 'split', controller } });
    const parent = await start(pipeline, [3]);
    expect((await claimAndRun(pipeline, parent, controller.signal)).status).toBe('queued');
    rmSync(deps.work.dirOf(parent.uuid), { recursive: true });
    expect((await claimAndRun(pipeline, parent)).status).toBe('waiting');
    expect(calls).toMatchObject({ double: 2, 'double.page': 2, split: 2 });
    expect((await children(parent)).map((k) => k.input)).toEqual([{ value: 6 }]);
  });

  it('does not commit a child twice when a split runs again', async () => {
    const { pipeline } = numbersPipeline();
    const parent = await start(pipeline, [1, 2]);
    await claimAndRun(pipeline, parent);
    // Simulate a crash after the children were committed but before the stage row was read back.
    await store.write((tx) =>
      tx.run(`DELETE FROM job_stage WHERE job_id = ? AND stage = 'split'`, [parent.id]),
    );
    await claimAndRun(pipeline, parent);
    expect((await children(parent)).length).toBe(2);
  });

  it('waits at a hold stage until a decision is recorded; the decision can split off siblings with their own ids', async () => {
    const pipeline = definePipeline<{ values: number[] }>('held', ['recordKey'])
      .split({
        kind: 'split',
        name: 'split',
        run: async (input) => ({ children: [{ subject: 's', label: 'Teil', input }], summary: null }),
      })
      .hold({ kind: 'hold', name: 'review', applies: (input) => input.values.length > 1 })
      .commit({
        kind: 'commit',
        name: 'commit',
        async commit(input, ctx) {
          await ctx.tx.run('INSERT INTO setting (key, value) VALUES (?, ?)', [
            ctx.job.identities.recordKey ?? '',
            input.values.join(','),
          ]);
          return null;
        },
      });
    const parent = await start(pipeline, [1, 2, 3]);
    await claimAndRun(pipeline, parent);
    const [kid] = await children(parent);
    const waiting = await claimAndRun(pipeline, kid as JobRecord);
    expect(waiting).toMatchObject({ status: 'waiting', stage: 'review' });
    expect(await settings()).toEqual([]);
    await expect(
      decideHold({ ...deps, now: clock.now() }, pipeline, parent.uuid, 'review', { output: null }),
    ).rejects.toMatchObject({
      code: 'jobs.wrong_status',
    });
    const decided = await decideHold({ ...deps, now: clock.now() }, pipeline, waiting.uuid, 'review', {
      output: { values: [3, 1] },
      siblings: [{ subject: 's2', label: 'Teil 2', input: { values: [2] } }],
    });
    expect(decided.map((j) => [j.status, j.stage])).toEqual([
      ['queued', 'commit'],
      ['queued', 'commit'],
    ]);
    expect(decided[1]?.identities.recordKey).not.toBe(decided[0]?.identities.recordKey);
    for (const j of decided) expect((await claimAndRun(pipeline, j)).status).toBe('done');
    expect((await settings()).map((r) => r.value).sort()).toEqual(['2', '3,1']);
    expect((await stageRows(store.reader, waiting.id)).map((r) => [r.stage, r.outcome])).toEqual([
      ['review', 'done'],
      ['commit', 'done'],
    ]);
    expect((await loadJob(store.reader, { id: parent.id }))?.status).toBe('done');
  });

  it('discards a Klärfall and finishes its parent', async () => {
    const { pipeline } = numbersPipeline({ failAt: 'square' });
    const queue = createJobQueue(deps, { concurrency: 2, pipelines: [pipeline] });
    const settled: string[] = [];
    queue.onSettled((j) => {
      settled.push(`${j.label}:${j.status}`);
    });
    const parent = await start(pipeline, [1, 2]);
    await queue.start();
    await queue.idle();
    const kids = await children(parent);
    const review = kids.filter((k) => k.status === 'needs_review');
    expect(review).toHaveLength(1);
    await store.write((tx) => discardJob(tx, (review[0] as JobRecord).uuid, clock.now()));
    expect((await loadJob(store.reader, { id: parent.id }))?.status).toBe('done');
    expect(settled.filter((s) => s.startsWith('Stapel'))).toEqual(['Stapel:waiting']);
    await queue.stop();
  });

  it('runs jobs of one subject one at a time and others side by side', async () => {
    const inFlight = new Map<string, number>();
    const most = new Map<string, number>();
    let overall = 0;
    let mostOverall = 0;
    // The first job of subject a waits until a job of b runs: a second job of a started meanwhile is
    // caught, and a and b provably run side by side. (Commits are serialised by the store anyway.)
    let bStarted = () => {};
    const gate = new Promise<void>((resolve) => (bStarted = resolve));
    const pipeline = definePipeline<{ n: number }>('slow', [])
      .then({
        kind: 'transform',
        name: 'work',
        async run(input: { n: number }, ctx) {
          const s = ctx.job.subject;
          inFlight.set(s, (inFlight.get(s) ?? 0) + 1);
          most.set(s, Math.max(most.get(s) ?? 0, inFlight.get(s) ?? 0));
          mostOverall = Math.max(mostOverall, ++overall);
          if (s === 'b') bStarted();
          else await gate;
          inFlight.set(s, (inFlight.get(s) ?? 0) - 1);
          overall--;
          return input;
        },
      })
      .commit({ kind: 'commit', name: 'commit', commit: async () => null });
    for (const subject of ['a', 'a', 'b', 'a', 'b']) {
      await store.write((tx) =>
        createJob(
          tx,
          deps.ids,
          pipeline,
          { subject, label: subject, input: { n: 1 }, createdBy: null },
          clock.now(),
        ),
      );
    }
    const queue = createJobQueue(deps, { concurrency: 3, pipelines: [pipeline] });
    await queue.start();
    await queue.idle();
    await queue.stop();
    expect((await listJobs(store.reader, { statuses: ['done'] })).total).toBe(5);
    expect(most.get('a')).toBe(1);
    expect(most.get('b')).toBe(1);
    expect(mostOverall).toBe(2);
  });
});

describe('mapPool', () => {
  it('keeps at most `limit` calls in flight and returns results in order', async () => {
    let inFlight = 0;
    let most = 0;
    const result = await mapPool([5, 1, 4, 2, 3], 2, async (v) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return v * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('stops starting new items after a failure', async () => {
    const started: number[] = [];
    await expect(
      mapPool([1, 2, 3, 4], 1, async (v) => {
        started.push(v);
        if (v === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
