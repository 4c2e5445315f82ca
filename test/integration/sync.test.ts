import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createIncomingDocument } from '../../core/records/documents';
import { CmisClient } from '../../sync/cmis/client';
import { DEV_PASSWORD, startDmsDev, type DmsDev } from '../../sync/dms-dev';
import { deleteDocument, updateDocumentMetadata } from '../../core/records/document-edits';
import { addDocumentVersion } from '../../core/records/versions';
import { runCycle } from '../../sync';
import { allAemterCaller, localVersionSet, remoteVersionSet, writeSyncConfig } from '../../sync/testing/harness';
import { openDemoApp, type DemoApp } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/** Two clients with copies of the same data set and one development DMS, all on loopback. */
describe('sync with the development DMS', () => {
  const serverDir = tempDir('eakte-dms-');
  let dms: DmsDev;
  let a: DemoApp;
  let b: DemoApp;

  beforeAll(async () => {
    dms = await startDmsDev({ dataDir: serverDir.path });
    a = await openDemoApp();
    b = await openDemoApp();
    writeSyncConfig(a.dataDir, dms.url, 'client-a');
    writeSyncConfig(b.dataDir, dms.url, 'client-b');
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await dms.close();
    serverDir.remove();
  });

  it('pushes the outbox once, and a second client replaying the same operations creates nothing twice', async () => {
    const first = await runCycle(a.app.deps);
    expect(first).toMatchObject({ ok: true, errorCode: null });
    const second = await runCycle(b.app.deps);
    expect(second).toMatchObject({ ok: true, conflicts: 0 });
    const remote = await remoteVersionSet(dms.url);
    expect([...remote.uuidCounts.values()].every((n) => n === 1)).toBe(true);
    expect(remote.versions).toEqual(await localVersionSet(a.app.deps));
    expect(await localVersionSet(b.app.deps)).toEqual(remote.versions);
    const status = await (await a.login('sb21')).ok('sync.status', {});
    expect(status).toMatchObject({ state: 'online', pendingOperations: 0, openConflicts: 0, lastError: null });
  });

  it('brings new documents, versions, metadata changes and deletions to the other client', async () => {
    const deps = a.app.deps;
    const ctx = { ...deps, caller: await allAemterCaller(deps) };
    const vorgang = await deps.store.reader.get<{ uuid: string }>(
      `SELECT v.uuid FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE a.status = 'open' ORDER BY v.id LIMIT 1`,
    );
    const blob = await deps.store.blobs.put(randomBytes(50_000));
    const { uuid } = await deps.store.write((tx) =>
      createIncomingDocument(tx, ctx, {
        posteingang: { channel: 'email', sender: null, receivedAt: '2026-11-23T09:00:00+01:00' },
        title: 'Neuer Schriftsatz',
        amtId: null,
        file: { blob, fileName: 'schriftsatz.pdf', mimeType: 'application/pdf' },
        text: '',
        vorgangUuid: vorgang!.uuid,
      }),
    );
    const v2 = await deps.store.blobs.put(randomBytes(20_000));
    await deps.store.write((tx) => addDocumentVersion(tx, ctx, uuid, { blob: v2, fileName: 'schriftsatz-2.pdf', mimeType: 'application/pdf' }));
    const victim = await deps.store.reader.get<{ uuid: string }>(
      `SELECT d.uuid FROM document d JOIN akte a ON a.id = d.akte_id WHERE a.status = 'open' AND d.uuid <> ? ORDER BY d.id LIMIT 1`,
      [uuid],
    );
    await deps.store.write((tx) => updateDocumentMetadata(tx, ctx, uuid, { title: 'Schriftsatz (geändert)' }));
    await deps.store.write((tx) => deleteDocument(tx, ctx, victim!.uuid));

    expect(await runCycle(deps)).toMatchObject({ ok: true });
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    const remote = await remoteVersionSet(dms.url);
    expect(await localVersionSet(b.app.deps)).toEqual(remote.versions);
    expect(await localVersionSet(deps)).toEqual(remote.versions);
    const onB = await b.app.deps.store.reader.get<{ title: string }>('SELECT title FROM document WHERE uuid = ?', [uuid]);
    expect(onB?.title).toBe('Schriftsatz (geändert)');
    expect(await b.app.deps.store.reader.get('SELECT 1 FROM document WHERE uuid = ?', [victim!.uuid])).toBeUndefined();
  });

  it('takes a colleague\'s plain CMIS edit (which leaves our last operation id on the object) as a conflict, not as ours', async () => {
    const deps = a.app.deps;
    const pick = await deps.store.reader.get<{ uuid: string }>(
      `SELECT d.uuid FROM document d JOIN akte a ON a.id = d.akte_id JOIN sync_object s ON s.object_uuid = d.uuid WHERE a.status = 'open' ORDER BY d.id LIMIT 1`,
    );
    const uuid = pick!.uuid;
    const ctx = { ...deps, caller: await allAemterCaller(deps) };
    await deps.store.write((tx) => updateDocumentMetadata(tx, ctx, uuid, { title: 'Lokale Fassung' }));
    const colleague = new CmisClient({ url: dms.url, auth: { type: 'basic', username: 'kollegin', password: DEV_PASSWORD } });
    const [remote] = (await colleague.query(`SELECT * FROM cmis:document WHERE eakte:uuid = '${uuid}'`, 0, 1)).results;
    expect(remote!.succinctProperties['eakte:opId']).toBeTruthy(); // ours, from the last push
    await colleague.updateProperties(String(remote!.succinctProperties['cmis:objectId']), { 'eakte:title': 'Fassung der Kollegin' }, String(remote!.succinctProperties['cmis:changeToken']));
    colleague.close();

    expect(await runCycle(deps)).toMatchObject({ ok: true, conflicts: 1 });
    const clerk = await a.login('sb21');
    const open = (await clerk.ok('sync.listConflicts', {})).filter((c) => c.objectUuid === uuid);
    expect(open).toMatchObject([{ kind: 'edit_edit', local: { title: 'Lokale Fassung' }, remote: { title: 'Fassung der Kollegin' } }]);
    await clerk.ok('sync.resolveConflict', { uuid: open[0]!.uuid, resolution: 'keep_local' });
    expect(await runCycle(deps)).toMatchObject({ ok: true, conflicts: 0 });
    const check = new CmisClient({ url: dms.url, auth: { type: 'basic', username: 'checker', password: DEV_PASSWORD } });
    const [after] = (await check.query(`SELECT * FROM cmis:document WHERE eakte:uuid = '${uuid}'`, 0, 1)).results;
    check.close();
    expect(after!.succinctProperties['eakte:title']).toBe('Lokale Fassung');
  });

  it('keeps both sides when two clients change the same document, and converges after the clerk decides', async () => {
    const pick = await a.app.deps.store.reader.get<{ uuid: string }>(
      `SELECT d.uuid FROM document d JOIN akte a ON a.id = d.akte_id WHERE a.status = 'open' AND a.amt_id = '21' ORDER BY d.id DESC LIMIT 1`,
    );
    const uuid = pick!.uuid;
    for (const app of [a, b]) {
      const deps = app.app.deps;
      const ctx = { ...deps, caller: await allAemterCaller(deps) };
      const blob = await deps.store.blobs.put(randomBytes(10_000));
      await deps.store.write((tx) => addDocumentVersion(tx, ctx, uuid, { blob, fileName: 'neu.pdf', mimeType: 'application/pdf' }));
    }
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    const onB = await runCycle(b.app.deps);
    expect(onB).toMatchObject({ ok: true, conflicts: 1 });

    const clerk = await b.login('sb21');
    const [conflict] = await clerk.ok('sync.listConflicts', {});
    expect(conflict).toMatchObject({ objectUuid: uuid, kind: 'edit_edit', local: { exists: true }, remote: { exists: true } });
    expect(conflict!.local.latestSha256).not.toBe(conflict!.remote.latestSha256);
    const states = await clerk.ok('sync.objectStates', { uuids: [uuid] });
    expect(states[0]?.state).toBe('conflict');

    const resolved = await clerk.ok('sync.resolveConflict', { uuid: conflict!.uuid, resolution: 'keep_both' });
    expect(resolved.copyUuid).toBeTruthy();
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    const remote = await remoteVersionSet(dms.url);
    expect([...remote.uuidCounts.values()].every((n) => n === 1)).toBe(true);
    expect(remote.uuidCounts.has(resolved.copyUuid!)).toBe(true);
    expect(await localVersionSet(a.app.deps)).toEqual(remote.versions);
    expect(await localVersionSet(b.app.deps)).toEqual(remote.versions);
  });

  it('brings a document a colleague filed into a new Vorgang folder, both in one page of changes', async () => {
    const deps = b.app.deps;
    const akte = await deps.store.reader.get<{ remote_id: string; aktenzeichen: string }>(
      `SELECT s.remote_id, a.aktenzeichen FROM akte a JOIN sync_object s ON s.object_uuid = a.uuid WHERE a.status = 'open' AND a.amt_id = '21' ORDER BY a.id LIMIT 1`,
    );
    const colleague = new CmisClient({ url: dms.url, auth: { type: 'basic', username: 'kollegin', password: DEV_PASSWORD } });
    const az = `${akte!.aktenzeichen}-99`;
    const folder = await colleague.createFolder(akte!.remote_id, {
      'cmis:objectTypeId': 'cmis:folder', 'cmis:name': az.replace('/', '_'), 'cmis:secondaryObjectTypeIds': ['eakte:vorgang'],
      'eakte:uuid': randomUUID(), 'eakte:aktenzeichen': az, 'eakte:title': 'Vorgang der Kollegin',
    });
    const bytes = randomBytes(5_000);
    await colleague.createDocument(String(folder.succinctProperties['cmis:objectId']), { 'cmis:objectTypeId': 'cmis:document', 'cmis:name': 'gutachten.pdf', 'eakte:uuid': randomUUID(), 'eakte:title': 'Gutachten' }, 'major', {
      bytes, fileName: 'gutachten.pdf', mimeType: 'application/pdf',
    });
    colleague.close();

    expect(await runCycle(deps)).toMatchObject({ ok: true, conflicts: 0 });
    const arrived = await deps.store.reader.get<{ aktenzeichen: string; blob_hash: string }>(
      `SELECT v.aktenzeichen, dv.blob_hash FROM document d JOIN vorgang v ON v.id = d.vorgang_id JOIN document_version dv ON dv.document_id = d.id WHERE d.title = 'Gutachten'`,
    );
    expect(arrived).toEqual({ aktenzeichen: az, blob_hash: createHash('sha256').update(bytes).digest('hex') });
    expect(await localVersionSet(deps)).toEqual((await remoteVersionSet(dms.url)).versions);
  });
});
