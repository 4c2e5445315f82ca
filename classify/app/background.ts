import type { CoreDeps } from '../../core/records/context';
import { amterWithStaleProposals, refreshProposals } from './inbox';
import { amterDueForRetrain, modelRevision, retrainAmt } from './model-store';

/** Proposals made per write transaction, so that clerks' commands never wait long behind the sweep. */
const BATCH = 20;

export interface ClassifyBackground {
  /** Schedules a sweep (stale proposals, automatic filings, due retrains). */
  kick(): void;
  /** Resolves once nothing is running or scheduled. */
  idle(): Promise<void>;
  /** Stops reacting to changes and waits for running work. */
  stop(): Promise<void>;
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Keeps Posteingang proposals ready: whenever documents or jobs change (intake finished, document
 * assigned or filed), the proposals of Posteingang documents that have none or an outdated one are
 * made and stored, documents the Amt's rule allows are filed automatically, and an Amt whose model has
 * learned enough filings since its last full training is retrained as an idle job.
 */
export function startClassifyBackground(deps: CoreDeps, opts: { sweepAtStart: boolean; react: boolean }): ClassifyBackground {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const retraining = new Map<string, Promise<void>>();

  const fail = (what: string) => (err: unknown) =>
    deps.logger.error(`classify.${what}_failed`, { detail: err instanceof Error ? err.message : 'unknown' });

  function retrain(amtId: string) {
    if (retraining.has(amtId) || stopped) return;
    const job = retrainAmt(deps, amtId)
      .then(() => kick()) // every stored proposal of the Amt is stale now
      .catch(fail('retrain'))
      .finally(() => retraining.delete(amtId));
    retraining.set(amtId, job);
  }

  async function sweep() {
    for (const amtId of await amterWithStaleProposals(deps.store.reader)) {
      // an Amt's first model is trained as an idle job too, not inside the sweep's write transaction
      if ((await modelRevision(deps.store.reader, amtId)) === null) await retrainAmt(deps, amtId);
      for (;;) {
        if (stopped) return;
        const { refreshed, filed } = await refreshProposals(deps, amtId, BATCH);
        for (const uuid of filed) deps.events.emit({ type: 'records.changed', objectType: 'document', uuid });
        if (refreshed < BATCH) break;
        await nextTick();
      }
    }
    for (const amtId of await amterDueForRetrain(deps.store.reader)) retrain(amtId);
  }

  function kick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await sweep();
      } while (again && !stopped);
    })()
      .catch(fail('sweep'))
      .finally(() => (running = null));
  }

  const unsubscribe = opts.react
    ? deps.events.subscribe((e) => {
        if (e.type === 'records.changed' && (e.objectType === 'document' || e.objectType === 'job')) kick();
      })
    : () => undefined;
  if (opts.sweepAtStart) kick();

  async function idle() {
    while (running || retraining.size) {
      await running;
      await Promise.all(retraining.values());
    }
  }
  return {
    kick,
    idle,
    async stop() {
      stopped = true;
      unsubscribe();
      await idle();
    },
  };
}
