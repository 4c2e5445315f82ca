import { setTimeout as sleep } from 'node:timers/promises';
import type { SyncDetails } from '../../../contract/methods/sync';
import { acquireInstanceLock } from '../../../core/store/instance-lock';
import { appSyncConfig } from '../../../sync';
import { openCliSession } from '../app-session';
import type { Command } from '../command';

const stateText: Record<SyncDetails['state'], string> = {
  online: 'verbunden',
  offline: 'nicht erreichbar',
  syncing: 'gleicht ab',
  error: 'Fehler',
  not_configured: 'nicht eingerichtet',
};

export function describeStatus(s: SyncDetails): string {
  return [
    `DMS: ${stateText[s.state]}`,
    `Offene Änderungen: ${s.pendingOperations}${s.failedOperations ? ` (davon ${s.failedOperations} fehlgeschlagen)` : ''}`,
    `Konflikte: ${s.openConflicts}`,
    `Letzter erfolgreicher Abgleich: ${s.lastSuccessAt ?? '–'}`,
    ...(s.lastError ? [`Letzter Fehler: ${s.lastError.message}${s.nextRetryAt ? ` Nächster Versuch: ${s.nextRetryAt}` : ''}`] : []),
  ].join('\n');
}

export const syncStatusCommand: Command = {
  path: ['sync', 'status'],
  summary: 'Zeigt den Stand des Abgleichs mit dem zentralen DMS',
  usage: 'eakte sync status [--json]',
  options: {},
  async run(ctx) {
    const session = await openCliSession(ctx.global);
    try {
      const status = await session.call('sync.status', {});
      return { value: status, text: describeStatus(status) };
    } finally {
      await session.close();
    }
  },
};

export const syncRunCommand: Command = {
  path: ['sync', 'run'],
  summary: 'Gleicht mit dem zentralen DMS ab (einmal mit --once, sonst fortlaufend bis Strg+C)',
  usage: 'eakte sync run [--once] [--retry-failed] [--json]',
  options: { once: { type: 'boolean' }, 'retry-failed': { type: 'boolean' }, verbose: { type: 'boolean' } },
  async run(ctx) {
    // Like the app: one process per data folder, so two engines never push the same outbox.
    const lock = acquireInstanceLock(ctx.global.dataDir);
    const session = await openCliSession(ctx.global, { verbose: Boolean(ctx.options.verbose) }).catch((err) => {
      lock.release();
      throw err;
    });
    let stopped = false;
    void ctx.interrupted.then(() => (stopped = true));
    try {
      let retryFailed = Boolean(ctx.options['retry-failed']);
      for (;;) {
        const r = await session.call('sync.run', { retryFailed });
        retryFailed = false;
        const line = r.ok
          ? `Abgleich fertig: ${r.pushed} Änderungen übertragen, ${r.status.pendingOperations} offen, ${r.status.openConflicts} Konflikte.`
          : `Abgleich unterbrochen: ${r.status.lastError?.message ?? r.errorCode}`;
        if (ctx.options.once) return { value: r, text: line, exitCode: r.ok ? 0 : 1 };
        ctx.io.out(ctx.global.json ? JSON.stringify(r) : line);
        const interval = (appSyncConfig(session.app.deps)?.intervalSeconds ?? 60) * 1000;
        const retryAt = r.status.nextRetryAt ? Date.parse(r.status.nextRetryAt) - Date.now() : interval;
        const wait = r.ok ? interval : Math.max(500, retryAt);
        await Promise.race([sleep(wait), ctx.interrupted]);
        if (stopped) return { value: null, text: '' };
      }
    } finally {
      await session.close();
      lock.release();
    }
  },
};
