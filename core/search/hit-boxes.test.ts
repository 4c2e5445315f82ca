import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type DemoApp } from '../../test/helpers/demo-app';
import { matchWordBoxes } from './hit-boxes';

const sidecar = {
  version: 1 as const,
  pages: [
    { page: 1, width: 595, height: 842, words: [{ text: 'Sehr', x: 72, y: 700, w: 30, h: 11 }] },
    {
      page: 2,
      width: 595,
      height: 842,
      words: [
        { text: 'Pfändungs-', x: 72, y: 500, w: 60, h: 11 },
        { text: 'MÜLLER,', x: 140, y: 500, w: 50, h: 11 },
        { text: 'Mull', x: 200, y: 480, w: 20, h: 11 },
      ],
    },
  ],
};

describe('hit boxes from the word sidecar', () => {
  it('marks words that start with a query word, ignoring case, diacritics and punctuation', () => {
    expect(matchWordBoxes(sidecar, 'muller pfand')).toEqual([
      { page: 2, width: 595, height: 842, boxes: [{ x: 72, y: 500, w: 60, h: 11 }, { x: 140, y: 500, w: 50, h: 11 }] },
    ]);
    expect(matchWordBoxes(sidecar, '  ')).toEqual([]);
    expect(matchWordBoxes(sidecar, 'Vollstreckung')).toEqual([]);
  });
});

describe('documents.locateHits', () => {
  let demo: DemoApp;
  let versionUuid: string;
  beforeAll(async () => {
    demo = await openDemoApp();
    const sb21 = await demo.login('sb21');
    const doc = (await sb21.ok('search.query', { q: 'Vollstreckungsstelle', limit: 1 })).hits[0]!.document;
    versionUuid = (await sb21.ok('documents.get', { uuid: doc.uuid })).versions[0]!.uuid;
  });
  afterAll(() => demo.close());

  const attach = async (bytes: Buffer) => {
    const blob = await demo.app.store.blobs.put(bytes);
    await demo.app.store.write(async (tx) => {
      await tx.run('INSERT OR IGNORE INTO blob (hash, size, created_at) VALUES (?, ?, ?)', [blob.hash, blob.size, '2026-11-23T08:00:00Z']);
      await tx.run(
        `INSERT OR REPLACE INTO document_version_sidecar (version_id, kind, blob_hash)
         SELECT id, 'ocr-words', ? FROM document_version WHERE uuid = ?`,
        [blob.hash, versionUuid],
      );
    });
  };

  it('says "none" without word boxes, so the viewer falls back to the text layer', async () => {
    const sb21 = await demo.login('sb21');
    expect(await sb21.ok('documents.locateHits', { versionUuid, q: 'Müller' })).toEqual({ source: 'none', pages: [] });
  });

  it('returns the stored boxes of the hits to those who may see the document, and nothing to another Amt', async () => {
    await attach(Buffer.from(JSON.stringify(sidecar)));
    const sb21 = await demo.login('sb21');
    const hits = await sb21.ok('documents.locateHits', { versionUuid, q: 'Müller' });
    expect(hits.source).toBe('words');
    expect(hits.pages.map((p) => [p.page, p.boxes.length])).toEqual([[2, 1]]);

    const sb32 = await demo.login('sb32');
    const refused = await sb32.call('documents.locateHits', { versionUuid, q: 'Müller' });
    expect(refused.ok ? null : refused.error.code).toBe('records.not_found');
  });

  it('logs an unreadable sidecar and answers "none" instead of failing', async () => {
    await attach(Buffer.from('{"version":1,"pages":[{"page":"eins"}]}'));
    const sb21 = await demo.login('sb21');
    expect(await sb21.ok('documents.locateHits', { versionUuid, q: 'Müller' })).toEqual({ source: 'none', pages: [] });
    expect(demo.logLines.some((l) => l.includes('word sidecar unreadable'))).toBe(true);
  });
});
