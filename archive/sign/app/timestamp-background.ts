import type { CoreDeps } from '../../../core/records/context';
import { resolveCaller } from '../../../core/records/users';
import { appSignConfig } from './config';
import { upgradePendingTimestamps } from './timestamp-queue';

export interface TimestampUpgrades {
  stop(): Promise<void>;
}

const EVERY_MS = 5 * 60_000;

/**
 * Adds the timestamps of signatures made while the TSA was unreachable once it answers again, without a
 * clerk asking: at start and every few minutes while the app runs. Each round acts for one signer at a
 * time, so the new version and its audit entry carry the person who signed (marked `automatic`). An
 * unreachable TSA leaves everything queued for the next round.
 */
export function startTimestampUpgrades(deps: CoreDeps, opts: { everyMs?: number } = {}): TimestampUpgrades {
  let stopped = false;
  let running: Promise<void> | null = null;

  async function round() {
    const config = appSignConfig(deps);
    if (!config.tsaUrl) return;
    const signers = await deps.store.reader.all<{ username: string }>(
      `SELECT DISTINCT u.username FROM sign_timestamp_queue t JOIN document_version dv ON dv.id = t.version_id
       JOIN app_user u ON u.id = dv.created_by WHERE t.state = 'pending' AND u.disabled = 0`,
    );
    for (const { username } of signers) {
      if (stopped) return;
      const outcome = await upgradePendingTimestamps({ ...deps, caller: await resolveCaller(deps.store.reader, username) }, config, true);
      if (outcome.errorCode === 'sign.timestamp_unreachable') return; // still offline: try again next round
    }
  }

  const run = () => {
    if (stopped || running) return;
    running = round()
      .catch((err: unknown) => deps.logger.error('signature timestamp round failed', { detail: err instanceof Error ? err.message : 'unknown' }))
      .finally(() => (running = null));
  };
  const timer = setInterval(run, opts.everyMs ?? EVERY_MS);
  timer.unref();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
