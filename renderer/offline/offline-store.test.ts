import { describe, expect, it } from 'vitest';
import { freshDb } from '../test/render';
import { OfflineStore } from './offline-store';

const DAY = 24 * 60 * 60 * 1000;

describe('OfflineStore', () => {
  it('keeps drafts per user of a shared workstation', async () => {
    const db = freshDb();
    const a = new OfflineStore(db, 'sb21');
    const b = new OfflineStore(db, 'sb32');
    await a.saveDraft('akte.create:x', { title: 'Vollstreckung Beispiel' });
    expect(await a.loadDraft('akte.create:x')).toEqual({ title: 'Vollstreckung Beispiel' });
    expect(await b.loadDraft('akte.create:x')).toBeUndefined();
    await a.clearDraft('akte.create:x');
    expect(await a.loadDraft('akte.create:x')).toBeUndefined();
  });

  it('drops drafts nobody touched for 30 days (they may hold personal data)', async () => {
    const db = freshDb();
    let now = Date.UTC(2026, 0, 1);
    const store = new OfflineStore(db, 'sb21', () => now);
    await store.saveDraft('note', 'Rückruf Schuldnerin');
    now += 29 * DAY;
    expect(await store.loadDraft('note')).toBe('Rückruf Schuldnerin');
    now += 2 * DAY;
    expect(await store.loadDraft('note')).toBeUndefined();
    expect(await db.drafts.count()).toBe(0);
  });

  it('lists recently opened items newest first, once each, at most 12, per user', async () => {
    const db = freshDb();
    let now = 1000;
    const store = new OfflineStore(db, 'sb21', () => now++);
    const other = new OfflineStore(db, 'archiv', () => now++);
    for (let i = 1; i <= 14; i++) await store.addRecent({ kind: 'akte', uuid: `a${i}`, title: `Akte ${i}`, subtitle: `21.30.02-000${i}` });
    await store.addRecent({ kind: 'akte', uuid: 'a5', title: 'Akte 5', subtitle: '21.30.02-0005' });
    await other.addRecent({ kind: 'document', uuid: 'd1', title: 'Urteil', subtitle: '30.10.01-0001' });
    const titles = (await store.listRecent()).map((r) => r.title);
    expect(titles).toHaveLength(12);
    expect(titles.slice(0, 3)).toEqual(['Akte 5', 'Akte 14', 'Akte 13']);
    expect(titles).not.toContain('Akte 1');
    expect((await other.listRecent()).map((r) => r.title)).toEqual(['Urteil']);
  });

  it('notifies listeners when an item was opened', async () => {
    const store = new OfflineStore(freshDb(), 'sb21');
    let calls = 0;
    const off = store.onRecentChange(() => calls++);
    await store.addRecent({ kind: 'document', uuid: 'd', title: 'Mahnung', subtitle: '' });
    off();
    await store.addRecent({ kind: 'document', uuid: 'e', title: 'Mahnung 2', subtitle: '' });
    expect(calls).toBe(1);
  });
});
