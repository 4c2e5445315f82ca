import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digitalPdf } from '../../ocr/pipeline/testing/samples';
import { openDemoApp, type DemoApp, type DemoSession } from '../../test/helpers/demo-app';
import { tempDir } from '../../test/helpers/temp-dir';
import { saveUpload } from '../store/uploads';

/** A clerk's new version of a document and metadata changes: stored, audited, queued for the DMS, refused where the record is protected. */
describe('documents.addVersion and documents.update', () => {
  let demo: DemoApp;
  let sb21: DemoSession;
  let sb32: DemoSession;
  let pdf: Uint8Array;
  const files = tempDir();
  let doc: string;
  let vorgang: string;

  const write = (name: string, bytes: Uint8Array | string) => {
    const path = join(files.path, name);
    writeFileSync(path, bytes);
    return path;
  };
  const outbox = (uuid: string) =>
    demo.app.store.reader.all<{ op: string; payload: string }>('SELECT op, payload FROM outbox WHERE object_uuid = ? ORDER BY id', [uuid]);

  beforeAll(async () => {
    demo = await openDemoApp();
    sb21 = await demo.login('sb21');
    sb32 = await demo.login('sb32');
    pdf = await digitalPdf(41);
    const akte = (await sb21.ok('akten.list', { status: 'open', limit: 50 })).items.find((a) => a.documentCount > 0)!;
    const d = (await sb21.ok('documents.list', { akteUuid: akte.uuid, limit: 1 })).items[0]!;
    doc = d.uuid;
    vorgang = d.vorgangUuid!;
  });
  afterAll(async () => {
    await demo.close();
    files.remove();
  });

  it('stores a chosen PDF as the next version, with its audit entry and a document.version outbox row', async () => {
    const before = await sb21.ok('documents.get', { uuid: doc });
    const after = await sb21.ok('documents.addVersion', { uuid: doc, path: write('Bescheid berichtigt.pdf', pdf) });
    expect(after.versions).toHaveLength(before.versions.length + 1);
    const newest = after.versions.at(-1)!;
    expect(newest).toMatchObject({
      versionNo: before.versions.at(-1)!.versionNo + 1,
      fileName: 'Bescheid berichtigt.pdf',
      mimeType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      createdBy: 'sb21',
    });
    // Earlier versions stay as they were.
    expect(after.versions.slice(0, -1)).toEqual(before.versions);
    expect(Buffer.from(await demo.app.store.blobs.read(newest.sha256))).toEqual(Buffer.from(pdf));
    expect((await sb21.ok('audit.forObject', { uuid: doc })).at(-1)).toMatchObject({ action: 'document.version', actor: 'sb21' });
    const queued = (await outbox(doc)).at(-1)!;
    expect([queued.op, JSON.parse(queued.payload)]).toEqual(['document.version', { uuid: doc, versionUuid: newest.uuid, sha256: newest.sha256 }]);
  });

  it('takes a browser upload only from its uploader, and removes it once stored', async () => {
    const stage = (owner: string) =>
      saveUpload(demo.dataDir, { owner, fileName: 'Scan.pdf', body: Readable.from([Buffer.from(pdf)]), maxBytes: 1 << 20 });
    const foreign = await stage('poststelle');
    expect((await sb21.fails('documents.addVersion', { uuid: doc, upload: foreign })).code).toBe('intake.upload_not_found');
    const own = await stage('sb21');
    const after = await sb21.ok('documents.addVersion', { uuid: doc, upload: own });
    expect(after.versions.at(-1)!.fileName).toBe('Scan.pdf');
    expect(existsSync(join(demo.dataDir, 'work', 'uploads', own))).toBe(false);
  });

  it('refuses content that is no PDF or image, an empty file, a missing file and another Amt, storing nothing', async () => {
    const count = async () => (await sb21.ok('documents.get', { uuid: doc })).versions.length;
    const n = await count();
    const html = await sb21.fails('documents.addVersion', { uuid: doc, path: write('harmlos.pdf', '<html><script>alert(1)</script></html>') });
    expect(html.code).toBe('workspace.version_unsupported');
    expect(html.message).toContain('„harmlos.pdf“');
    expect((await sb21.fails('documents.addVersion', { uuid: doc, path: write('leer.pdf', '') })).code).toBe('workspace.version_empty');
    expect((await sb21.fails('documents.addVersion', { uuid: doc, path: join(files.path, 'fehlt.pdf') })).code).toBe('workspace.version_unreadable');
    expect((await sb32.fails('documents.addVersion', { uuid: doc, path: write('b.pdf', pdf) })).code).toBe('records.not_found');
    expect((await sb21.fails('documents.addVersion', { uuid: doc })).code).toBe('api.invalid_input');
    expect(await count()).toBe(n);
  });

  it('under an Aufbewahrungssperre takes a new version but keeps the metadata; a zdA Akte takes neither', async () => {
    const entry = (await sb21.ok('aktenplan.tree', {})).find((e) => e.number === '21.20.02')!;
    const akte = await sb21.ok('akten.create', { aktenplanEntryUuid: entry.uuid, title: 'Akte unter Sperre' });
    const vermerk = await sb21.ok('vermerke.create', { vorgangUuid: akte.vorgaenge[0]!.uuid, title: 'Beweisvermerk', text: 'Festgehalten.' });
    await sb21.ok('akten.setLegalHold', { uuid: akte.uuid, reason: 'Klageverfahren' });
    const refused = await sb21.fails('documents.update', { uuid: vermerk.uuid, title: 'Umbenannt' });
    expect(refused.code).toBe('workspace.legal_hold_metadata');
    expect(refused.message).toContain('Aufbewahrungssperre');
    expect((await sb21.ok('documents.get', { uuid: vermerk.uuid })).title).toBe('Beweisvermerk');
    expect((await sb21.ok('documents.addVersion', { uuid: vermerk.uuid, path: write('v2.pdf', pdf) })).versions).toHaveLength(2);

    await sb21.ok('akten.liftLegalHold', { uuid: akte.uuid, reason: 'Verfahren beendet' });
    await sb21.ok('akten.markZda', { uuid: akte.uuid });
    expect((await sb21.fails('documents.addVersion', { uuid: vermerk.uuid, path: write('v3.pdf', pdf) })).code).toBe('records.akte_closed');
    expect((await sb21.fails('documents.update', { uuid: vermerk.uuid, title: 'Umbenannt' })).code).toBe('records.akte_closed');
  });

  it('changes title, type, sender and date together, audited with the fields and queued as document.update', async () => {
    const updated = await sb21.ok('documents.update', { uuid: doc, title: 'Pfändungsverfügung (berichtigt)', docType: 'Pfändungsverfügung', sender: null, documentDate: '2026-11-02' });
    expect(updated).toMatchObject({ title: 'Pfändungsverfügung (berichtigt)', docType: 'Pfändungsverfügung', sender: null, documentDate: '2026-11-02', vorgangUuid: vorgang });
    const queued = (await outbox(doc)).at(-1)!;
    expect(queued.op).toBe('document.update');
    expect(JSON.parse(queued.payload).fields).toEqual(['title', 'docType', 'sender', 'documentDate']);
  });
});
