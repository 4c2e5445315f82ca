import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CmisClient } from '../../sync/cmis/client';
import { DEV_PASSWORD, startDmsDev, type DmsDev } from '../../sync/dms-dev';
import { runCycle } from '../../sync';
import { writeSyncConfig } from '../../sync/testing/harness';
import { openDemoApp, type DemoApp } from '../helpers/demo-app';
import { tempDir } from '../helpers/temp-dir';

const script = join(import.meta.dirname, '..', '..', 'sync', 'testing', 'cmisjs-session.mjs');

function cmisjs(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--no-experimental-fetch', script, ...args], (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** CmisJS, an independent CMIS client, browses, uploads and reads on the development DMS. */
describe('the development DMS with CmisJS', () => {
  const dir = tempDir('eakte-dms-');
  let dms: DmsDev;
  let app: DemoApp;

  beforeAll(async () => {
    dms = await startDmsDev({ dataDir: join(dir.path, 'dms') });
    app = await openDemoApp();
    writeSyncConfig(app.dataDir, dms.url, 'clerk');
    expect(await runCycle(app.app.deps)).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await app.close();
    await dms.close();
    dir.remove();
  });

  it('reads what eAkte Desk pushed, and what it uploads arrives in eAkte Desk', async () => {
    const deps = app.app.deps;
    const vorgang = await deps.store.reader.get<{ uuid: string; remote_id: string }>(
      `SELECT v.uuid, s.remote_id FROM vorgang v JOIN sync_object s ON s.object_uuid = v.uuid
       WHERE (SELECT count(*) FROM document d WHERE d.vorgang_id = v.id) > 0 ORDER BY v.id LIMIT 1`,
    );
    const client = new CmisClient({ url: dms.url, auth: { type: 'basic', username: 'checker', password: DEV_PASSWORD } });
    const path = String((await client.getObject(vorgang!.remote_id)).succinctProperties['cmis:path']);
    client.close();

    const file = join(dir.path, 'brief.txt');
    const text = `Schreiben eines Bürgers, eingereicht direkt im DMS (${Date.now()})`;
    writeFileSync(file, text);
    const r = await cmisjs([dms.url, 'kollegin', DEV_PASSWORD, path, file, 'Brief von außen.txt']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      repositoryId: string;
      existing: { uuid: string; sha256: string }[];
      created: { id: string; sha256: string; name: string };
      childNames: string[];
      queryCount: number;
    };
    expect(out.repositoryId).toBe('eakte');
    // Every document eAkte Desk put there reads back with the same bytes.
    const local = await deps.store.reader.all<{ uuid: string; blob_hash: string }>(
      `SELECT d.uuid, dv.blob_hash FROM document d JOIN vorgang v ON v.id = d.vorgang_id JOIN document_version dv ON dv.document_id = d.id
       WHERE v.uuid = ? AND dv.version_no = (SELECT max(version_no) FROM document_version WHERE document_id = d.id)`,
      [vorgang!.uuid],
    );
    expect(out.existing.map((e) => `${e.uuid}|${e.sha256}`).sort()).toEqual(local.map((l) => `${l.uuid}|${l.blob_hash}`).sort());
    const sha = createHash('sha256').update(text).digest('hex');
    expect(out.created.sha256).toBe(sha);
    expect(out.childNames).toContain('Brief von außen.txt');
    expect(out.queryCount).toBe(local.length + 1);

    // The document a colleague created in the same Vorgang arrives in eAkte Desk with its content.
    expect(await runCycle(deps)).toMatchObject({ ok: true, conflicts: 0 });
    const arrived = await deps.store.reader.get<{ title: string; blob_hash: string; vorgang: string }>(
      `SELECT d.title, dv.blob_hash, v.uuid AS vorgang FROM document d JOIN document_version dv ON dv.document_id = d.id
       JOIN vorgang v ON v.id = d.vorgang_id JOIN sync_object s ON s.object_uuid = d.uuid WHERE s.remote_id = ?`,
      [out.created.id.split(';')[0] ?? ''],
    );
    expect(arrived).toEqual({ title: 'Brief von außen.txt', blob_hash: sha, vorgang: vorgang!.uuid });
    expect((await deps.store.blobs.read(sha)).toString()).toBe(text);
  });
});
