import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp, type DemoSession } from '../helpers/demo-app';

describe('full-text search over the demo data', () => {
  let demo: DemoApp;
  let sb32: DemoSession;
  let sb21: DemoSession;
  beforeAll(async () => {
    demo = await openDemoApp();
    sb32 = await demo.login('sb32');
    sb21 = await demo.login('sb21');
  });
  afterAll(() => demo.close());

  it('finds umlauts without them ("Muller" finds "Müller") and marks the hit', async () => {
    const withUmlaut = await sb32.ok('search.query', { q: 'Aufenthaltserlaubnis Müller' });
    const without = await sb32.ok('search.query', { q: 'Aufenthaltserlaubnis Muller' });
    expect(withUmlaut.total).toBeGreaterThan(0);
    expect(without.total).toBe(withUmlaut.total);
    const marked = without.hits.flatMap((h) => h.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase()));
    expect(marked).toContain('müller');
  });

  it('searches by prefix while typing', async () => {
    const partial = await sb21.ok('search.query', { q: 'Drittschuldnererkl' });
    const full = await sb21.ok('search.query', { q: 'Drittschuldnererklärung' });
    expect(partial.total).toBeGreaterThan(0);
    expect(partial.total).toBe(full.total);
  });

  it('filters by Akte, document type, status and date range', async () => {
    const all = await sb21.ok('search.query', { q: 'Kassenzeichen', limit: 200 });
    const akteUuid = all.hits.find((h) => h.document.akteUuid)!.document.akteUuid!;
    const inAkte = await sb21.ok('search.query', { q: 'Kassenzeichen', filters: { akteUuid } });
    expect(inAkte.total).toBeGreaterThan(0);
    expect(inAkte.total).toBeLessThan(all.total);
    expect(inAkte.hits.every((h) => h.document.akteUuid === akteUuid)).toBe(true);

    const mahnungen = await sb21.ok('search.query', { q: 'Kassenzeichen', filters: { docType: 'Mahnung' }, limit: 200 });
    expect(mahnungen.hits.every((h) => h.document.docType === 'Mahnung')).toBe(true);
    expect(mahnungen.total).toBeGreaterThan(0);

    const eingang = await sb21.ok('search.query', { q: 'Ratenzahlung', filters: { status: 'eingang' } });
    expect(eingang.total).toBeGreaterThan(0);
    expect(eingang.hits.every((h) => h.document.status === 'eingang')).toBe(true);

    const recent = await sb21.ok('search.query', { q: 'Kassenzeichen', filters: { dateFrom: '2025-01-01' }, limit: 200 });
    expect(recent.total).toBeLessThan(all.total);
    expect(recent.hits.every((h) => (h.document.documentDate ?? '') >= '2025-01-01')).toBe(true);
  });

  it('ranks title hits above body-only hits', async () => {
    const r = await sb21.ok('search.query', { q: 'Drittschuldnererklärung', limit: 50 });
    const firstBodyOnly = r.hits.findIndex((h) => !h.document.title.includes('Drittschuldnererklärung'));
    const lastTitle = r.hits.map((h) => h.document.title.includes('Drittschuldnererklärung')).lastIndexOf(true);
    expect(lastTitle).toBeGreaterThanOrEqual(0);
    if (firstBodyOnly >= 0) expect(lastTitle).toBeLessThan(firstBodyOnly);
  });
});

describe('search index scope follows the records', () => {
  let demo: DemoApp;
  beforeAll(async () => {
    demo = await openDemoApp();
  });
  afterAll(() => demo.close());

  it('a document filed and then closed (zdA) moves between the post room’s, the clerk’s and the archive’s view', async () => {
    const post = await demo.login('poststelle');
    const sb21 = await demo.login('sb21');
    const archiv = await demo.login('archiv');
    const q = { q: 'Ratenzahlung', filters: { status: 'eingang' as const } };
    const incoming = (await post.ok('search.query', q)).hits.find((h) => h.document.amtId === '21')!;
    expect(incoming).toBeDefined();
    const found = (s: typeof post) => s.ok('search.query', { q: 'Ratenzahlung', limit: 200 }).then((r) => r.hits.some((h) => h.document.uuid === incoming.document.uuid));

    const plan = (await sb21.ok('aktenplan.tree', {})).find((e) => e.number === '21.20.02')!;
    const akte = await sb21.ok('akten.create', { aktenplanEntryUuid: plan.uuid, title: 'Ratenzahlung Test' });
    await sb21.ok('documents.file', { uuid: incoming.document.uuid, vorgangUuid: akte.vorgaenge[0]!.uuid });
    expect(await found(post)).toBe(false);
    expect(await found(sb21)).toBe(true);
    expect(await found(archiv)).toBe(false);

    await sb21.ok('akten.markZda', { uuid: akte.uuid });
    expect(await found(archiv)).toBe(true);
    await sb21.ok('akten.reopen', { uuid: akte.uuid, reason: 'Test' });
    expect(await found(archiv)).toBe(false);
    expect(await found(sb21)).toBe(true);
  });
});
