/**
 * Cold start and full integrity check (issue #11).
 * 1. Cold start of the core with N documents (default 100k, BENCH_DOCS): a fresh process opens the store,
 *    runs the (no-op) migrations and answers a first search. Peer in the same run: the sqlite3 CLI opening
 *    the same file and running the same FTS query. Goal: ≤ 1.5 s.
 * 2. Full fixity + integrity check of a scaled-down blob store (BENCH_FIXITY_MB, default 512 MB in 256 KB
 *    files; 10 GB would take 20× as long): PRAGMA integrity_check plus re-hashing every blob, plain and
 *    sealed (AES-256-GCM), against `sqlite3 … 'PRAGMA integrity_check'` + `sha256sum` over the blob folder.
 * Page cache stays warm (dropping it would disturb the other processes on this machine).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { keyFileProvider } from '../core/platform/key-provider';
import { createApp } from '../host/create-app';
import { tempDir } from '../test/helpers/temp-dir';
import { createDocumentImporter } from './support-import';
import { percentile, report, timed } from './support';

const N = Number(process.env.BENCH_DOCS ?? 100_000);
const FIXITY_MB = Number(process.env.BENCH_FIXITY_MB ?? 512);
const ROUNDS = 5;
const QUERY = 'Vollstreckung';

const storeDir = tempDir('eakte-bench-cold-');
const importer = await createDocumentImporter(storeDir.path);
await importer.importDocuments(N);
await importer.app.close();
const db = join(storeDir.path, 'eakte.sqlite');

// The child measures from its own start to the first answer, module loading included.
const child = `
  const t0 = performance.now();
  const { createApp } = await import(${JSON.stringify(join(import.meta.dirname, '../host/create-app.ts'))});
  const { resolveCaller } = await import(${JSON.stringify(join(import.meta.dirname, '../core/records/users.ts'))});
  const { searchDocuments } = await import(${JSON.stringify(join(import.meta.dirname, '../core/search/search.ts'))});
  const loaded = performance.now();
  const app = await createApp({ dataDir: ${JSON.stringify(storeDir.path)}, mode: 'cli', validateOutput: false });
  const opened = performance.now();
  const caller = await resolveCaller(app.store.reader, 'sb21');
  const r = await searchDocuments(app.store.reader, caller, { q: ${JSON.stringify(QUERY)}, filters: {}, limit: 25, offset: 0 });
  const answered = performance.now();
  await app.close();
  console.log(JSON.stringify({ total: answered - t0, load: loaded - t0, open: opened - loaded, query: answered - opened, hits: r.total }));
`;
const cold: { total: number; load: number; open: number; query: number; hits: number }[] = [];
const peer: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  cold.push(JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { encoding: 'utf8' })));
  const sql = `SELECT count(*) FROM document_fts WHERE document_fts MATCH '${QUERY}'; SELECT rowid FROM document_fts WHERE document_fts MATCH '${QUERY}' LIMIT 25;`;
  peer.push((await timed(async () => execFileSync('sqlite3', [db, sql]))).ms);
}
const med = (k: keyof (typeof cold)[number]) => percentile(cold.map((c) => c[k]), 50);

// Fixity: a scaled-down store, checked plain, then sealed.
const fixDir = tempDir('eakte-bench-fixity-');
const keyDir = tempDir('eakte-bench-keys-');
const plainApp = await createApp({ dataDir: fixDir.path, mode: 'cli', validateOutput: false });
const hashes: string[] = [];
for (let i = 0; i < (FIXITY_MB * 1024) / 256; i++) hashes.push((await plainApp.store.blobs.put(randomBytes(256 * 1024))).hash);
const fullCheck = async (app: typeof plainApp) => {
  await app.store.reader.get('PRAGMA integrity_check');
  for (const h of hashes) await app.store.blobs.verify(h);
};
const plain = await timed(() => fullCheck(plainApp));
const blobRoot = join(fixDir.path, 'blobs', 'sha256');
const files = readdirSync(blobRoot, { recursive: true, encoding: 'utf8' }).filter((p) => p.split('/').length === 3).map((p) => join(blobRoot, p));
const tools = await timed(async () => {
  execFileSync('sqlite3', [join(fixDir.path, 'eakte.sqlite'), 'PRAGMA integrity_check']);
  for (let i = 0; i < files.length; i += 500) execFileSync('sha256sum', files.slice(i, i + 500), { maxBuffer: 1 << 26 });
});
await plainApp.close();
const sealStart = await timed(() => createApp({ dataDir: fixDir.path, mode: 'cli', validateOutput: false, keys: keyFileProvider(keyDir.path) }));
const sealedApp = sealStart.value;
const sealed = await timed(() => fullCheck(sealedApp));
await sealedApp.close();

const rows = [
  { measure: `cold start, ${N} docs (process start → first search)`, eakte_ms: med('total').toFixed(0), peer: 'sqlite3 CLI open + same FTS query', peer_ms: percentile(peer, 50).toFixed(0), ratio: (med('total') / percentile(peer, 50)).toFixed(1) },
  { measure: '  of which module loading', eakte_ms: med('load').toFixed(0), peer: '', peer_ms: '', ratio: '' },
  { measure: '  of which open store + migrations', eakte_ms: med('open').toFixed(0), peer: '', peer_ms: '', ratio: '' },
  { measure: '  of which first query', eakte_ms: med('query').toFixed(0), peer: '', peer_ms: '', ratio: '' },
  { measure: `full check, ${FIXITY_MB} MB plain`, eakte_ms: plain.ms.toFixed(0), peer: 'sqlite3 integrity_check + sha256sum', peer_ms: tools.ms.toFixed(0), ratio: (plain.ms / tools.ms).toFixed(2) },
  { measure: `full check, ${FIXITY_MB} MB sealed`, eakte_ms: sealed.ms.toFixed(0), peer: 'same', peer_ms: tools.ms.toFixed(0), ratio: (sealed.ms / tools.ms).toFixed(2) },
  { measure: `sealing ${FIXITY_MB} MB of existing blobs (first open with a key)`, eakte_ms: sealStart.ms.toFixed(0), peer: '', peer_ms: '', ratio: '' },
];
report('cold-start', rows, {
  documents: N,
  coldStartMs: { median: med('total'), load: med('load'), open: med('open'), query: med('query'), runs: cold.map((c) => Math.round(c.total)) },
  goalMs: 1500,
  peerSqliteCliMs: percentile(peer, 50),
  fixity: { megabytes: FIXITY_MB, blobs: hashes.length, plainMs: plain.ms, sealedMs: sealed.ms, peerMs: tools.ms, sealExistingMs: sealStart.ms },
});
storeDir.remove();
fixDir.remove();
keyDir.remove();
