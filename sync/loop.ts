import type { CoreDeps } from '../core/records/context';
import { loadSyncConfig } from './config';
import { runCycle, type CycleResult } from './engine';
import { backoffMs } from './outbox';

/**
 * Runs sync cycles until stopped: every intervalSeconds while things go well; after a failure with
 * exponential backoff and jitter, so an outage does not turn into a flood of retries.
 */
export async function runSyncLoop(deps: CoreDeps, stop: AbortSignal, onCycle?: (r: CycleResult) => void): Promise<void> {
  let failures = 0;
  while (!stop.aborted) {
    const config = loadSyncConfig(deps.store.dataDir);
    const r = await runCycle(deps, { config: config ?? undefined, failures });
    onCycle?.(r);
    failures = r.ok ? 0 : failures + 1;
    const waitMs = r.ok ? (config?.intervalSeconds ?? 60) * 1000 : backoffMs(failures, Math.random, 1000, (config?.intervalSeconds ?? 60) * 5000);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      stop.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
}
