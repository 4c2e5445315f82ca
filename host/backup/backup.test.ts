import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import { writeZip } from '../../archive/zip';
import { openDemoApp, type DemoApp } from '../../test/helpers/demo-app';
import { tempDir } from '../../test/helpers/temp-dir';
import { createApp } from '../create-app';
import { createBackup } from './backup';
import { restoreBackup } from './restore';

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isAppError(e) ? e.code : String(e)),
  );

describe('backup and restore', () => {
  let demo: DemoApp;
  const work = tempDir();
  const zip = join(work.path, 'sicherung.zip');
  beforeAll(async () => {
    demo = await openDemoApp();
  });
  afterAll(async () => {
    await demo.close();
    work.remove();
  });

  it('writes a consistent backup while the app runs, checkable with unzip and sha256sum', async () => {
    const sb21 = await demo.login('sb21');
    const result = await createBackup(demo.app.store, zip, new Date('2026-11-23T10:00:00Z'));
    // A change after the snapshot is not in the backup, and does not break it.
    const plan = (await sb21.ok('aktenplan.tree', {})).find((e) => e.number === '21.30.01')!;
    await sb21.ok('akten.create', { aktenplanEntryUuid: plan.uuid, title: 'Nach der Sicherung' });

    expect(execFileSync('unzip', ['-tq', zip]).toString()).toMatch(/No errors detected/);
    const out = join(work.path, 'unpacked');
    execFileSync('unzip', ['-q', zip, '-d', out]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'eakte-desk-backup/1', blobs: result.blobs, schemaVersion: result.schemaVersion });
    expect(execFileSync('sha256sum', [join(out, 'eakte.sqlite')]).toString().split(' ')[0]).toBe(manifest.database.sha256);
    const blobSums = execFileSync('sh', ['-c', `cd ${out}/blobs && sha256sum *`]).toString().trim().split('\n');
    expect(blobSums).toHaveLength(result.blobs);
    for (const line of blobSums) {
      const [sum, name] = line.split(/\s+/);
      expect(sum).toBe(name);
    }
    expect(await codeOf(createBackup(demo.app.store, zip, new Date()))).toBe('backup.target_exists');
  });

  it('restores into a new folder: same records, search works, audit chain intact', async () => {
    const target = join(work.path, 'restored');
    const result = await restoreBackup(zip, target, new Date('2026-11-23T11:00:00Z'));
    expect(result.previousMovedTo).toBeNull();
    const app = await createApp({ dataDir: target, mode: 'cli' });
    try {
      const login = await app.dispatch({ sessionId: null, transport: 'test' }, 'session.login', { username: 'sb21' });
      if (!login.ok) throw new Error(login.error.code);
      const meta = { sessionId: login.value.sessionId, transport: 'test' as const };
      const akten = await app.dispatch(meta, 'akten.list', { text: 'Nach der Sicherung' });
      expect(akten.ok && akten.value.total).toBe(0);
      const hits = await app.dispatch(meta, 'search.query', { q: 'Mahnung' });
      expect(hits.ok && hits.value.total).toBeGreaterThan(0);
      const doc = hits.ok ? hits.value.hits.find((h) => h.document.akteUuid)! : null;
      const detail = await app.dispatch(meta, 'documents.get', { uuid: doc!.document.uuid });
      expect(detail.ok).toBe(true);
      if (detail.ok) expect((await app.store.blobs.read(detail.value.versions[0]!.sha256)).subarray(0, 5).toString()).toBe('%PDF-');
      const check = await app.store.reader.get<{ integrity_check: string }>('PRAGMA integrity_check');
      expect(check?.integrity_check).toBe('ok');
    } finally {
      await app.close();
    }
  });

  it('refuses a damaged backup and leaves the existing data folder untouched', async () => {
    const target = join(work.path, 'live');
    await restoreBackup(zip, target, new Date('2026-11-23T12:00:00Z'));
    const before = readFileSync(join(target, 'eakte.sqlite'));

    // Rebuild the ZIP with one blob's bytes replaced: entry name and manifest stay as they were.
    const out = join(work.path, 'unpacked');
    const names = execFileSync('sh', ['-c', `cd ${out} && find . -type f | sed 's#^./##'`]).toString().trim().split('\n');
    const victim = names.find((n) => n.startsWith('blobs/'))!;
    writeFileSync(join(out, victim), 'manipuliert');
    const bad = join(work.path, 'kaputt.zip');
    await writeZip(bad, names.map((name) => ({ name, source: { kind: 'file' as const, path: join(out, name) } })), { modifiedAt: new Date() });

    expect(await codeOf(restoreBackup(bad, target, new Date('2026-11-23T13:00:00Z')))).toBe('backup.invalid');
    expect(readFileSync(join(target, 'eakte.sqlite')).equals(before)).toBe(true);
    expect(existsSync(`${target}.restore-2026-11-23T13-00-00-000Z`)).toBe(false);
    writeFileSync(join(work.path, 'kein.zip'), 'kein zip');
    expect(await codeOf(restoreBackup(join(work.path, 'kein.zip'), target, new Date()))).toMatch(/^zip\./);
  });

  it('refuses to restore over a data folder an app instance is using', async () => {
    const { acquireInstanceLock } = await import('../../core/store/instance-lock');
    const target = join(work.path, 'busy');
    await restoreBackup(zip, target, new Date('2026-11-23T14:00:00Z'));
    const lock = acquireInstanceLock(target);
    try {
      // The lock is ours (same pid) and therefore treated as stale; a foreign live pid is what blocks.
      writeFileSync(join(target, 'eakte.lock'), String(process.ppid));
      expect(await codeOf(restoreBackup(zip, target, new Date('2026-11-23T15:00:00Z')))).toBe('backup.app_running');
    } finally {
      lock.release();
    }
  });
});
