import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_COUNT_LIMIT } from '../../contract/schemas/search';
import { tempDir } from '../../test/helpers/temp-dir';
import type { Caller } from '../access/caller';
import { silentLogger } from '../platform/logger';
import { openStore, type Store } from '../store/store';
import { searchDocuments } from './search';

const clerk = (amtId: string): Caller => ({
  userId: 1,
  uuid: `u-${amtId}`,
  username: `sb${amtId}`,
  displayName: 'Test',
  grants: [{ role: 'sachbearbeitung', amtId }],
});

// More hits than the count limit: the newest SEARCH_COUNT_LIMIT are ranked, the oldest follow newest first.
const N = SEARCH_COUNT_LIMIT + 60;
const OLD_TITLE_HIT = 10; // outside the ranked window (too old)
const NEW_TITLE_HIT = N - 500; // inside it

describe('search with more hits than are ranked', () => {
  const dir = tempDir();
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ dataDir: dir.path, logger: silentLogger, now: new Date('2026-11-23T08:00:00Z') });
    await store.write(async (tx) => {
      await tx.run(`INSERT INTO amt (id, name) VALUES ('21', 'Steuern'), ('30', 'Rechtsamt')`);
      for (let id = 1; id <= N; id++) {
        const title = id === OLD_TITLE_HIT || id === NEW_TITLE_HIT ? 'Ratenzahlung vereinbart' : `Schreiben ${id}`;
        await tx.run(
          `INSERT INTO document (id, uuid, title, status, amt_id, created_at, updated_at) VALUES (?, ?, ?, 'eingang', '21', 'now', 'now')`,
          [id, `d-${id}`, title],
        );
        await tx.run(`INSERT INTO document_text (document_id, title, sender, body, scope) VALUES (?, ?, 'Bürger', ?, 'amt21 doceingang aktenone')`, [
          id,
          title,
          `Bitte um Ratenzahlung für den Bescheid ${id}.`,
        ]);
      }
    });
  });
  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  const search = (caller: Caller, q: string, offset: number, limit: number) =>
    searchDocuments(store.reader, caller, { q, filters: {}, offset, limit });

  it('counts up to the limit and ranks within the newest hits', async () => {
    const first = await search(clerk('21'), 'Raten', 0, 25);
    expect(first.total).toBe(SEARCH_COUNT_LIMIT);
    expect(first.totalExact).toBe(false);
    expect(first.hits[0]!.document.uuid).toBe(`d-${NEW_TITLE_HIT}`);
    const scores = first.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(first.hits[0]!.snippet.some((p) => p.hit && p.text === 'Ratenzahlung')).toBe(true);
  });

  it('pages through every hit exactly once, the ones beyond the ranked window newest first', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < N + 40; offset += 170) seen.push(...(await search(clerk('21'), 'Raten', offset, 170)).hits.map((h) => h.document.uuid));
    expect(seen).toHaveLength(N);
    expect(new Set(seen).size).toBe(N);
    const beyond = seen.slice(SEARCH_COUNT_LIMIT);
    expect(beyond).toEqual(Array.from({ length: N - SEARCH_COUNT_LIMIT }, (_, i) => `d-${N - SEARCH_COUNT_LIMIT - i}`));
    expect(beyond).toContain(`d-${OLD_TITLE_HIT}`);
  });

  it('counts exactly below the limit and shows another Amt nothing', async () => {
    const one = await search(clerk('21'), `Bescheid ${NEW_TITLE_HIT}`, 0, 25);
    expect(one).toMatchObject({ total: 1, totalExact: true });
    expect(await search(clerk('30'), 'Raten', 0, 25)).toEqual({ hits: [], total: 0, totalExact: true });
  });
});
