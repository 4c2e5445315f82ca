import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/platform/clock';
import { createApp } from '../../host/create-app';
import { copyDemoDataDir } from '../helpers/demo-app';

/**
 * The app's log under a tiny size limit: it rotates instead of growing, and the rotated files, like the
 * current one, hold ids and codes only (no names, no document titles, no notes).
 */
describe('log rotation in the app', () => {
  const cleanup: (() => void)[] = [];
  afterAll(() => cleanup.forEach((c) => c()));

  it('keeps at most keepFiles old files and no personal data in any of them', async () => {
    const data = await copyDemoDataDir();
    cleanup.push(data.remove);
    const app = await createApp({ dataDir: data.path, mode: 'cli', clock: fixedClock('2026-11-23T09:00:00+01:00'), logLimits: { maxBytes: 400, keepFiles: 2 } });
    const note = 'Rückruf Frau Wilhelmine Zebrowski wegen Ratenzahlung';
    try {
      for (const username of ['sb21', 'sb32', 'poststelle', 'archiv', 'admin', 'sb21']) {
        const login = await app.dispatch({ sessionId: null, transport: 'test' }, 'session.login', { username });
        expect(login.ok).toBe(true);
        const sessionId = login.ok ? login.value.sessionId : null;
        const call = (method: string, input: unknown) => app.dispatch({ sessionId, transport: 'test' }, method as never, input as never);
        await call('search.query', { q: 'Zebrowski Vollstreckung' });
        await call('documents.get', { uuid: '00000000-0000-4000-8000-000000000000' }); // a failure is logged with its code
        if (username === 'sb21') {
          const akte = await call('akten.list', { status: 'open', limit: 1 });
          const akteUuid = akte.ok ? (akte.value as { items: { uuid: string }[] }).items[0]!.uuid : '';
          expect((await call('wiedervorlagen.create', { akteUuid, dueDate: '2026-12-01', note })).ok).toBe(true);
        }
        await call('session.logout', {});
      }
    } finally {
      await app.close();
    }

    const logs = join(data.path, 'logs');
    expect(readdirSync(logs).sort()).toEqual(['eakte.log', 'eakte.log.1', 'eakte.log.2']);
    const text = readdirSync(logs).map((f) => readFileSync(join(logs, f), 'utf8')).join('\n');
    const words = new Set(note.split(' ').filter((w) => w.length >= 5));
    const rows = await (async () => {
      const { openStore } = await import('../../core/store/store');
      const { silentLogger } = await import('../../core/platform/logger');
      const store = await openStore({ dataDir: data.path, logger: silentLogger, now: new Date() });
      try {
        return await store.reader.all<{ t: string }>('SELECT display_name AS t FROM app_user UNION ALL SELECT title FROM akte');
      } finally {
        await store.close();
      }
    })();
    for (const r of rows) for (const w of r.t.split(/[\s,–-]+/)) if (w.length >= 6) words.add(w);
    expect(words.size).toBeGreaterThan(10);
    expect([...words].filter((w) => text.toLowerCase().includes(w.toLowerCase()))).toEqual([]);
  }, 120_000);
});
