/**
 * Sync benchmark against the development DMS running in its own process:
 * - initial sync of BENCH_SYNC_DOCS documents (default 10,000 × 50 KB = 500 MB), against curl fetching the
 *   same contents with the client's number of parallel downloads over keep-alive connections (the peer);
 * - incremental sync of 100 changes made by another DMS user;
 * - a BENCH_SYNC_UPLOAD_MB (default 100) upload cut off at 40 %, then resumed: bytes re-sent vs file size,
 *   and the whole upload's time against one curl upload of the same file;
 * - the fault test at full size (SYNC_FAULT_CLIENTS × SYNC_FAULT_OPS, default 4 × 250 = 1,000 operations).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createIncomingDocument } from '../core/records/documents';
import { runCycle } from '../sync';
import { DOWNLOADS_IN_PARALLEL } from '../sync/pull/pull';
import { CmisClient } from '../sync/cmis/client';
import { DEV_PASSWORD, DEV_USER, startFaultProxy } from '../sync/dms-dev';
import { DevRepository } from '../sync/dms-dev/repository';
import { allAemterCaller, amt21Plan, fillDevRepository, writeSyncConfig } from '../sync/testing/harness';
import { openDemoApp } from '../test/helpers/demo-app';
import { tempDir } from '../test/helpers/temp-dir';
import { report, timed } from './support';

const DOCS = Number(process.env.BENCH_SYNC_DOCS ?? 10_000);
const DOC_BYTES = Number(process.env.BENCH_SYNC_DOC_BYTES ?? 50_000);
const UPLOAD_MB = Number(process.env.BENCH_SYNC_UPLOAD_MB ?? 100);
const PER_VORGANG = 100;
const root = import.meta.dirname;

const work = tempDir('eakte-bench-sync-');
const serverDir = join(work.path, 'dms');
const demo = await openDemoApp();
const deps = demo.app.deps;
// Only what the DMS has is measured: the demo data's own outbox stays local.
await deps.store.write((tx) => tx.run(`UPDATE outbox SET state = 'done', outcome = 'not_synced'`));
const plan = await amt21Plan(deps.store.reader);

console.log(`Befülle das Entwicklungs-DMS: ${DOCS} Dokumente à ${DOC_BYTES} Bytes …`);
const contentIds = fillDevRepository(new DevRepository(serverDir), plan, { docs: DOCS, bytes: DOC_BYTES, perVorgang: PER_VORGANG });

const server = await startServerProcess(serverDir);
writeSyncConfig(demo.dataDir, server.url, 'bench', { timeoutMs: 60_000 });

// 1. Initial sync against curl.
const initial = await timed(() => runCycle(deps));
if (!initial.value.ok) throw new Error(`initial sync failed: ${initial.value.errorCode}`);
const totalBytes = DOCS * DOC_BYTES;
const curlDir = join(work.path, 'curl');
mkdirSync(curlDir);
const curlConfig = join(work.path, 'curl.cfg');
writeFileSync(curlConfig, contentIds.map((id, i) => `url = "${server.url}/eakte/root?cmisselector=content&objectId=${encodeURIComponent(id)}"\noutput = "${join(curlDir, String(i))}"`).join('\n'));
const curl = await timed(async () => spawnSync('curl', ['-s', '-f', '-u', `${DEV_USER}:${DEV_PASSWORD}`, '--parallel', '--parallel-max', String(DOWNLOADS_IN_PARALLEL), '-K', curlConfig]));
if (curl.value.status !== 0) throw new Error(`curl failed: ${curl.value.status}`);
const syncMBps = totalBytes / 1e6 / (initial.ms / 1000);
const curlMBps = totalBytes / 1e6 / (curl.ms / 1000);

// 2. Incremental: 100 changes by a colleague.
const colleague = new CmisClient({ url: server.url, auth: { type: 'basic', username: 'kollegin', password: DEV_PASSWORD } });
const someFolder = String((await colleague.getObjectByPath(`/eAkte/${plan}-9000_2026/${plan}-9000_2026-01`)).succinctProperties['cmis:objectId']);
const existing = (await colleague.children(someFolder, 0, 50)).objects;
for (let i = 0; i < 50; i++) {
  await colleague.createDocument(someFolder, { 'cmis:name': `neu-${i}.pdf`, 'cmis:objectTypeId': 'cmis:document' }, 'major', {
    bytes: randomBytes(DOC_BYTES), fileName: `neu-${i}.pdf`, mimeType: 'application/pdf',
  });
}
for (const o of existing) {
  await colleague.updateProperties(String(o.succinctProperties['cmis:objectId']), { 'eakte:title': 'Geändert' }, String(o.succinctProperties['cmis:changeToken']));
}
colleague.close();
const incremental = await timed(() => runCycle(deps));

// 3. A large upload, cut off at 40 %, resumed.
const proxy = await startFaultProxy({ target: server.url, plan: { seed: 1 } });
writeSyncConfig(demo.dataDir, proxy.url, 'bench', { timeoutMs: 60_000 });
const size = UPLOAD_MB * 1024 * 1024;
const bigFile = join(work.path, 'gross.pdf');
writeFileSync(bigFile, randomBytes(size));
const blob = await deps.store.blobs.putStream((await import('node:fs')).createReadStream(bigFile));
const ctx = { ...deps, caller: await allAemterCaller(deps) };
const vorgangUuid = (await deps.store.reader.get<{ uuid: string }>(`SELECT v.uuid FROM vorgang v JOIN sync_object s ON s.object_uuid = v.uuid LIMIT 1`))!.uuid;
await deps.store.write((tx) =>
  createIncomingDocument(tx, ctx, {
    posteingang: { channel: 'papier', sender: null, receivedAt: '2026-11-23T09:00:00+01:00' },
    title: 'Großer Scan', amtId: null, file: { blob, fileName: 'gross.pdf', mimeType: 'application/pdf' }, text: '', vorgangUuid,
  }),
);
const upload = await timed(async () => {
  const first = runCycle(deps);
  while ((proxy.stats.bytesByAction.appendContent ?? 0) < size * 0.4) await new Promise((r) => setTimeout(r, 20));
  proxy.setDown(true);
  const cut = await first;
  proxy.setDown(false);
  const resumed = await runCycle(deps);
  return { cut, resumed };
});
// The first cycle must have been cut off (a transport error), else nothing was resumed and the numbers mean nothing.
if (upload.value.cut.ok) throw new Error(`upload was not interrupted: ${JSON.stringify(upload.value.cut)}`);
if (!upload.value.resumed.ok) throw new Error(`resumed upload failed: ${upload.value.resumed.errorCode}`);
const appended = proxy.stats.bytesByAction.appendContent ?? 0;
const curlUpload = await timed(async () =>
  spawnSync('curl', ['-s', '-f', '-o', '/dev/null', '-u', `${DEV_USER}:${DEV_PASSWORD}`, '-F', 'cmisaction=createDocument', '-F', 'propertyId[0]=cmis:name',
    '-F', 'propertyValue[0]=curl-gross.pdf', '-F', `content=@${bigFile};type=application/pdf`, `${server.url}/eakte/root`]),
);
await proxy.close();

// 4. The fault test at full size.
const faultClients = Number(process.env.SYNC_FAULT_CLIENTS ?? 4);
const faultOps = Number(process.env.SYNC_FAULT_OPS ?? 250);
const faults = await timed(async () =>
  spawnSync(process.execPath, [join(root, '..', 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'node', 'test/integration/sync-faults.test.ts'], {
    cwd: join(root, '..'),
    env: { ...process.env, NO_COLOR: '1', SYNC_FAULT_CLIENTS: String(faultClients), SYNC_FAULT_OPS: String(faultOps) },
    encoding: 'utf8',
  }),
);

// A failed fault test is a finding: its report goes to the console, not only the last lines into the result.
if (faults.value.status !== 0) console.error(faults.value.stdout, faults.value.stderr);

await server.stop();
await demo.close();
work.remove();

const resentBytes = appended - size;
report(
  'sync',
  [
    { messung: `Erstabgleich ${DOCS} Dok. (${Math.round(totalBytes / 1e6)} MB)`, eakte: `${(initial.ms / 1000).toFixed(1)} s, ${syncMBps.toFixed(1)} MB/s`, vergleich: `curl ${(curl.ms / 1000).toFixed(1)} s, ${curlMBps.toFixed(1)} MB/s`, verhaeltnis: (syncMBps / curlMBps).toFixed(2), ziel: '≥ 0.8' },
    { messung: 'Inkrementell 100 Änderungen', eakte: `${(incremental.ms / 1000).toFixed(2)} s`, vergleich: '–', verhaeltnis: '–', ziel: '≤ 2 s' },
    { messung: `Upload ${UPLOAD_MB} MB, bei 40 % unterbrochen`, eakte: `${(upload.ms / 1000).toFixed(1)} s, erneut gesendet ${(resentBytes / 1e6).toFixed(2)} MB`, vergleich: `curl ${(curlUpload.ms / 1000).toFixed(1)} s`, verhaeltnis: (resentBytes / size).toFixed(4), ziel: '≤ 1 Block' },
    { messung: `Fehlertest ${faultClients}×${faultOps}`, eakte: faults.value.status === 0 ? 'bestanden' : 'FEHLGESCHLAGEN', vergleich: '–', verhaeltnis: '–', ziel: '0 verloren/doppelt' },
  ],
  {
    docs: DOCS,
    docBytes: DOC_BYTES,
    initial: { ms: initial.ms, mbps: syncMBps, applied: initial.value.pull?.applied ?? 0, curlMs: curl.ms, curlMbps: curlMBps, ratio: syncMBps / curlMBps },
    incremental: { ms: incremental.ms, ok: incremental.value.ok, applied: incremental.value.pull?.applied ?? 0 },
    upload: { bytes: size, appendedBytes: appended, resentBytes, resentRatio: resentBytes / size, interruptedWith: upload.value.cut.errorCode, resumedOk: upload.value.resumed.ok, ms: upload.ms, curlMs: curlUpload.ms },
    faults: { clients: faultClients, ops: faultOps, passed: faults.value.status === 0, ms: faults.ms, tail: faults.value.stdout.split('\n').slice(-8).join('\n') },
  },
);

/** `eakte dms-dev` in its own process, so client and server do not share one event loop. */
async function startServerProcess(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [join(root, '..', 'bin', 'eakte.mjs'), 'dms-dev', '--data', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
