import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { deleteDocument, updateDocumentMetadata } from '../../core/records/document-edits';
import type { CoreDeps } from '../../core/records/context';
import { addDocumentVersion } from '../../core/records/versions';
import { runCycle } from '../../sync';
import { listConflicts, resolveConflict } from '../../sync/conflicts/resolve';
import { startDmsDev, startFaultProxy, type DmsDev, type FaultProxy } from '../../sync/dms-dev';
import { allAemterCaller, localVersionSet, remoteVersionSet, writeSyncConfig } from '../../sync/testing/harness';
import { openDemoApp, type DemoApp } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * Races the full-size fault test met under heavy load, and their kin, replayed deterministically: the order
 * of the clients' cycles and the clerks' steps, and where needed the proxy's hook, which changes the DMS
 * between two requests of one client's operation.
 */
describe('sync interleavings', () => {
  const serverDir = tempDir('eakte-dms-');
  let dms: DmsDev;
  let proxy: FaultProxy;
  let a: DemoApp;
  let b: DemoApp;

  beforeAll(async () => {
    dms = await startDmsDev({ dataDir: serverDir.path });
    proxy = await startFaultProxy({ target: dms.url, plan: { seed: 1 } });
    a = await openDemoApp();
    b = await openDemoApp();
    writeSyncConfig(a.dataDir, proxy.url, 'client-a');
    writeSyncConfig(b.dataDir, proxy.url, 'client-b');
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true });
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await proxy.close();
    await dms.close();
    serverDir.remove();
  });

  /** One cycle of A in which the answer to the first request whose body contains `marker` is cut. */
  async function cycleWithAnswerCut(marker: string) {
    proxy.setHook(({ body }) => {
      if (!body.toString('latin1').includes(marker)) return; // multipart bodies carry the action as a form part
      proxy.setPlan({ seed: 1, cutResponse: 1 });
      proxy.setHook(() => {
        proxy.setPlan({ seed: 1 });
        proxy.setHook(null);
      });
    });
    try {
      return await runCycle(a.app.deps);
    } finally {
      proxy.setPlan({ seed: 1 });
      proxy.setHook(null);
    }
  }

  it('a local deletion meets a colleague\'s edit that a third client deletes on the DMS meanwhile: done, no conflict', async () => {
    const uuid = await openDocument(a.app.deps, 0);
    // B edits the document and sends it: for A, the DMS's copy has changed by someone else.
    await b.app.deps.store.write(async (tx) => updateDocumentMetadata(tx, await clerk(b.app.deps), uuid, { title: 'Von B geändert' }));
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, pushed: 1 });
    await a.app.deps.store.write(async (tx) => deleteDocument(tx, await clerk(a.app.deps), uuid));

    // A reads the DMS's latest version twice: to see that it changed, then for the conflict's DMS side.
    // Between the two, a third client deletes it there.
    const series = await seriesOf(a.app.deps, uuid);
    let reads = 0;
    proxy.setHook(({ url }) => {
      if (url.searchParams.get('cmisselector') !== 'object' || url.searchParams.get('objectId') !== series) return;
      if (++reads === 2) dms.repository.delete('client-c', series, true);
    });
    try {
      const cycle = await runCycle(a.app.deps);
      expect(reads).toBeGreaterThanOrEqual(2);
      expect(cycle).toMatchObject({ ok: true, conflicts: 0 });
    } finally {
      proxy.setHook(null);
    }

    // Both sides agree the document is gone: nothing waits for a decision that no clerk could see.
    const q = a.app.deps.store.reader;
    expect(await q.all('SELECT kind FROM sync_conflict WHERE object_uuid = ?', [uuid])).toEqual([]);
    expect(await q.all(`SELECT op, state, outcome FROM outbox WHERE object_uuid = ? AND op = 'document.delete'`, [uuid])).toEqual([
      { op: 'document.delete', state: 'done', outcome: 'already_applied' },
    ]);
    expect(await q.get('SELECT 1 FROM sync_object WHERE object_uuid = ?', [uuid])).toBeUndefined();
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    const remote = await remoteVersionSet(dms.url);
    expect(remote.uuidCounts.has(uuid)).toBe(false);
    expect(await localVersionSet(a.app.deps)).toEqual(remote.versions);
    expect(await localVersionSet(b.app.deps)).toEqual(remote.versions);
  });

  it('a version whose check-out ends undecided (conflict, clerk keeps the DMS side) leaves no working copy that blocks the others', async () => {
    const uuid = await openDocument(a.app.deps, 1);
    const series = await seriesOf(a.app.deps, uuid);
    const ctxA = await clerk(a.app.deps);
    const ctxB = await clerk(b.app.deps);
    await addVersion(ctxA, uuid, 'Fassung von A');

    // A has checked the document out; its request to empty the working copy is delivered twice (the
    // client sees the second answer: stale token), and meanwhile B changes the title on the DMS.
    proxy.setHook(({ body }) => {
      if (!body.toString('latin1').includes('cmisaction=deleteContent')) return;
      proxy.setHook(null);
      const pwc = dms.repository.get(`${series};pwc`);
      dms.repository.updateProperties('client-x', pwc.id, null, {}, null, null);
      const latest = dms.repository.get(series);
      dms.repository.updateProperties('client-b', latest.id, null, { 'eakte:title': 'Titel von B' }, null, null);
    });
    try {
      expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 1 });
    } finally {
      proxy.setHook(null);
    }
    const conflict = await a.app.deps.store.reader.get<{ uuid: string }>('SELECT uuid FROM sync_conflict WHERE object_uuid = ? AND resolved_at IS NULL', [uuid]);
    await a.app.deps.store.write((tx) => resolveConflict(tx, ctxA, conflict!.uuid, 'keep_remote'));
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 0 });

    // B's next version of the same document must go through.
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    await addVersion(ctxB, uuid, 'Fassung von B');
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    expect(await b.app.deps.store.reader.all(`SELECT op, state, outcome, last_error FROM outbox WHERE object_uuid = ? AND op = 'document.version' AND state <> 'done'`, [uuid])).toEqual([]);
    expect(dms.repository.series.get(series)?.pwcId).toBeNull();
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    const remote = await remoteVersionSet(dms.url);
    expect(await localVersionSet(a.app.deps)).toEqual(remote.versions);
    expect(await localVersionSet(b.app.deps)).toEqual(remote.versions);
  });

  it('a check-out delivered twice (the second answer refuses it) goes on in the copy the first one made', async () => {
    const uuid = await openDocument(a.app.deps, 2);
    const series = await seriesOf(a.app.deps, uuid);
    await addVersion(await clerk(a.app.deps), uuid, 'Fassung nach doppeltem Auschecken');
    proxy.setHook(({ body }) => {
      if (!body.toString('latin1').includes('cmisaction=checkOut')) return;
      proxy.setHook(null);
      dms.repository.checkOut('client-a', series); // the first delivery
    });
    try {
      expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, pushed: 1, conflicts: 0 });
    } finally {
      proxy.setHook(null);
    }
    expect(await a.app.deps.store.reader.all(`SELECT state, outcome, attempts FROM outbox WHERE object_uuid = ? AND op = 'document.version'`, [uuid])).toEqual([
      { state: 'done', outcome: 'applied', attempts: 0 },
    ]);
    expect(dms.repository.series.get(series)?.pwcId).toBeNull();
    expect(await localVersionSet(a.app.deps)).toEqual((await remoteVersionSet(dms.url)).versions);
  });

  it('a document with an open edit-versus-deletion conflict that the clerk then deletes too: settled, nothing waits', async () => {
    const uuid = await openDocument(a.app.deps, 3);
    const ctxA = await clerk(a.app.deps);
    await a.app.deps.store.write((tx) => updateDocumentMetadata(tx, ctxA, uuid, { title: 'Von A geändert' }));
    await b.app.deps.store.write(async (tx) => deleteDocument(tx, await clerk(b.app.deps), uuid));
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, pushed: 1 });
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 1 });
    // While the conflict is open, the clerk deletes the document: now neither side has it.
    await a.app.deps.store.write((tx) => deleteDocument(tx, ctxA, uuid));

    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    const q = a.app.deps.store.reader;
    expect(await q.all('SELECT resolution, resolved_by FROM sync_conflict WHERE object_uuid = ?', [uuid])).toEqual([{ resolution: 'keep_remote', resolved_by: 'dms-sync' }]);
    expect(await q.all(`SELECT op, outcome FROM outbox WHERE object_uuid = ? AND state <> 'done'`, [uuid])).toEqual([]);
    expect(await q.get(`SELECT count(*) AS n FROM audit_event WHERE object_uuid = ? AND action = 'sync.resolve_conflict' AND actor = 'dms-sync'`, [uuid])).toEqual({ n: 1 });
    const remote = await remoteVersionSet(dms.url);
    expect(await localVersionSet(a.app.deps)).toEqual(remote.versions);
  });

  it.each(['keep_local', 'keep_both'] as const)('a version the clerk adds while a conflict is open survives the decision %s', async (choice) => {
    const uuid = await openDocument(a.app.deps, choice === 'keep_local' ? 4 : 5);
    const ctxA = await clerk(a.app.deps);
    await a.app.deps.store.write((tx) => updateDocumentMetadata(tx, ctxA, uuid, { title: 'Von A geändert' }));
    await b.app.deps.store.write(async (tx) => updateDocumentMetadata(tx, await clerk(b.app.deps), uuid, { title: 'Von B geändert' }));
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, pushed: 1 });
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 1 });
    const later = await addVersion(ctxA, uuid, `Fassung während des Konflikts (${choice})`);

    const conflict = await a.app.deps.store.reader.get<{ uuid: string }>('SELECT uuid FROM sync_conflict WHERE object_uuid = ? AND resolved_at IS NULL', [uuid]);
    await a.app.deps.store.write((tx) => resolveConflict(tx, ctxA, conflict!.uuid, choice));
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    const remote = await remoteVersionSet(dms.url);
    expect(remote.versions.filter((v) => v.endsWith(`|${later.hash}`))).toHaveLength(1);
    expect(await localVersionSet(a.app.deps)).toEqual(remote.versions);
  });

  it.each([
    ['', 6, false],
    [' (a DMS whose check-out changes the version)', 9, true],
  ] as const)("a colleague's metadata edit on the DMS while our version uploads is not overwritten by the check-in: a conflict the clerk decides%s", async (server, n, touches) => {
    dms.repository.checkOutTouchesVersion = touches;
    onTestFinished(() => {
      dms.repository.checkOutTouchesVersion = false;
    });
    const uuid = await openDocument(a.app.deps, n);
    const series = await seriesOf(a.app.deps, uuid);
    const ctxA = await clerk(a.app.deps);
    const localTitle = (await a.app.deps.store.reader.get<{ title: string }>('SELECT title FROM document WHERE uuid = ?', [uuid]))!.title;
    const v = await addVersion(ctxA, uuid, `Fassung während der Änderung von B${server}`);

    // A has checked the document out and sends the content; meanwhile B changes the title on the DMS.
    proxy.setHook(({ body }) => {
      if (!body.toString('latin1').includes('appendContent')) return; // multipart: the action is a form part
      proxy.setHook(null);
      dms.repository.updateProperties('client-b', dms.repository.get(series).id, null, { 'eakte:title': 'Titel von B beim Hochladen' }, null, null);
    });
    try {
      expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 1 });
    } finally {
      proxy.setHook(null);
    }
    // B's title is still the DMS's, A's version waits for the clerk.
    expect(dms.repository.get(series).props['eakte:title']).toBe('Titel von B beim Hochladen');
    expect((await remoteVersionSet(dms.url)).versions.filter((x) => x.endsWith(`|${v.hash}`))).toEqual([]);
    const q = a.app.deps.store.reader;
    expect(await q.all(`SELECT state FROM outbox WHERE object_uuid = ? AND op = 'document.version'`, [uuid])).toEqual([{ state: 'pending' }]);
    const conflict = (await listConflicts(q, ctxA.caller, false)).find((c) => c.objectUuid === uuid);
    expect(conflict).toMatchObject({ kind: 'edit_edit', local: { title: localTitle }, remote: { title: 'Titel von B beim Hochladen' } });

    // The clerk keeps A's side: the version goes on in the copy already uploaded, with A's title on top.
    await a.app.deps.store.write((tx) => resolveConflict(tx, ctxA, conflict!.uuid, 'keep_local'));
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    expect(await q.all(`SELECT op, state FROM outbox WHERE object_uuid = ? AND state <> 'done'`, [uuid])).toEqual([]);
    expect(dms.repository.series.get(series)?.pwcId).toBeNull();
    expect(dms.repository.get(series).props['eakte:title']).toBe(localTitle);
    const remote = await remoteVersionSet(dms.url);
    expect(remote.versions.filter((x) => x.endsWith(`|${v.hash}`))).toHaveLength(1);
    expect(await localVersionSet(a.app.deps)).toEqual(remote.versions);
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    expect(await localVersionSet(b.app.deps)).toEqual(remote.versions);
  });

  it('a DMS whose check-out changes the checked-in version (Alfresco: lock aspect) raises no false conflict, also when the upload resumes', async () => {
    dms.repository.checkOutTouchesVersion = true;
    onTestFinished(() => {
      dms.repository.checkOutTouchesVersion = false;
    });
    const uuid = await openDocument(a.app.deps, 8);
    const series = await seriesOf(a.app.deps, uuid);
    // B's edit is the DMS's last change, so its eakte:opId is not one of A's: the check-out's own change
    // to the version (A's DMS user, B's operation id) cannot pass as one of A's operations.
    const editByB = async (title: string) => {
      expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
      await b.app.deps.store.write(async (tx) => updateDocumentMetadata(tx, await clerk(b.app.deps), uuid, { title }));
      expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, pushed: 1 });
      expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    };

    // A new version in one go.
    await editByB('Titel von B vor der Fassung');
    const v = await addVersion(await clerk(a.app.deps), uuid, 'Fassung auf einem sperrenden DMS');
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, pushed: 1, conflicts: 0 });

    // Another one whose upload's answer is cut: the next cycle resumes in the same copy.
    await editByB('Titel von B vor der zweiten Fassung');
    const w = await addVersion(await clerk(a.app.deps), uuid, 'Fassung auf einem sperrenden DMS, fortgesetzt');
    expect(await cycleWithAnswerCut('appendContent')).toMatchObject({ ok: false });
    expect(dms.repository.series.get(series)?.checkedOutBy).toBe('client-a');
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, pushed: 1, conflicts: 0 });

    const q = a.app.deps.store.reader;
    expect(await q.all('SELECT kind FROM sync_conflict WHERE object_uuid = ?', [uuid])).toEqual([]);
    expect(await q.all(`SELECT op, state FROM outbox WHERE object_uuid = ? AND state <> 'done'`, [uuid])).toEqual([]);
    expect(dms.repository.series.get(series)?.pwcId).toBeNull();
    expect(dms.repository.get(series).props['eakte:title']).toBe('Titel von B vor der zweiten Fassung');
    const remote = await remoteVersionSet(dms.url);
    for (const blob of [v, w]) expect(remote.versions.filter((x) => x.endsWith(`|${blob.hash}`))).toHaveLength(1);
    expect(await localVersionSet(a.app.deps)).toEqual(remote.versions);
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    expect(await localVersionSet(b.app.deps)).toEqual(remote.versions);
  });

  it('a check-out whose answer is lost, then a decision that discards the operation: the copy is still released', async () => {
    const uuid = await openDocument(a.app.deps, 7);
    const series = await seriesOf(a.app.deps, uuid);
    const ctxA = await clerk(a.app.deps);
    const ctxB = await clerk(b.app.deps);
    await addVersion(ctxA, uuid, 'Fassung mit verlorener Antwort');

    // The DMS checks the document out for A, but the answer is cut: A's cycle ends before the upload.
    expect(await cycleWithAnswerCut('cmisaction=checkOut')).toMatchObject({ ok: false });
    expect(dms.repository.series.get(series)?.checkedOutBy).toBe('client-a');

    // B changes the title; A's next attempt meets it as a conflict, which the clerk decides for the DMS.
    await b.app.deps.store.write((tx) => updateDocumentMetadata(tx, ctxB, uuid, { title: 'Titel von B nach dem Auschecken' }));
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, pushed: 1 });
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 1 });
    const conflict = await a.app.deps.store.reader.get<{ uuid: string }>('SELECT uuid FROM sync_conflict WHERE object_uuid = ? AND resolved_at IS NULL', [uuid]);
    await a.app.deps.store.write((tx) => resolveConflict(tx, ctxA, conflict!.uuid, 'keep_remote'));
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    expect(dms.repository.series.get(series)?.pwcId).toBeNull();

    // B's next version of the document goes through.
    const w = await addVersion(ctxB, uuid, 'Fassung von B nach verlorener Antwort');
    expect(await runCycle(b.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    expect(await b.app.deps.store.reader.all(`SELECT op, state FROM outbox WHERE object_uuid = ? AND state <> 'done'`, [uuid])).toEqual([]);
    expect(await runCycle(a.app.deps)).toMatchObject({ ok: true, conflicts: 0 });
    const remote = await remoteVersionSet(dms.url);
    expect(remote.versions.filter((x) => x.endsWith(`|${w.hash}`))).toHaveLength(1);
    expect(await localVersionSet(a.app.deps)).toEqual(remote.versions);
    expect(await localVersionSet(b.app.deps)).toEqual(remote.versions);
  });
});

async function openDocument(deps: CoreDeps, n: number): Promise<string> {
  const row = await deps.store.reader.get<{ uuid: string }>(
    `SELECT d.uuid FROM document d JOIN akte a ON a.id = d.akte_id WHERE a.status = 'open' ORDER BY d.id LIMIT 1 OFFSET ?`,
    [n],
  );
  return row!.uuid;
}

async function seriesOf(deps: CoreDeps, uuid: string): Promise<string> {
  return (await deps.store.reader.get<{ remote_id: string }>('SELECT remote_id FROM sync_object WHERE object_uuid = ?', [uuid]))!.remote_id;
}

/** A clerk of every Amt, to make changes as the app would. */
async function clerk(deps: CoreDeps) {
  return { ...deps, caller: await allAemterCaller(deps) };
}

/** A new version with the given text as its content, added by the clerk. */
async function addVersion(ctx: Awaited<ReturnType<typeof clerk>>, uuid: string, text: string) {
  const blob = await ctx.store.blobs.put(Buffer.from(text));
  await ctx.store.write((tx) => addDocumentVersion(tx, ctx, uuid, { blob, fileName: 'fassung.pdf', mimeType: 'application/pdf' }));
  return blob;
}
