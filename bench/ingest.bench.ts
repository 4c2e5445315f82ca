/**
 * Archive ingest benchmark: receive and package a 0503 of 20,000 primary files / ~1 GB (scale with
 * BENCH_FILES; 20 Dokumente of ~50 KB per Akte) through the real path (safe reading, XSD, extraction with
 * hashing, format and image checks, blobs and register, BagIt with METS/PREMIS from verified blobs), against
 * `sha256sum` over the same files in the same run: ingest is mostly hashing and copying. A tenth of the
 * files is received first, so peak memory can be compared across sizes.
 *
 * The primary files are PNG scans with a resolution (Digitalisate, image checks run); the PDF/A preflight
 * of 0503 PDFs is measured by the aussonderung benchmark.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { receiveAussonderung } from '../archive/ingest/app/receive-service';
import { packageAussonderung } from '../archive/ingest/app/package-service';
import { encodePng } from '../archive/pdfa/testing/png-encoder';
import { write0503Message } from '../archive/ingest/testing/many-objects';
import { formatCodeFor, type Akte, type Dokument } from '../archive/xdomea/index';
import { fixedClock } from '../core/platform/clock';
import { createLogger, memorySink } from '../core/platform/logger';
import { seededIds } from '../core/platform/ids';
import { resolveCaller } from '../core/records/users';
import { createApp } from '../host/create-app';
import { seedDemo } from '../fixtures/demo/seed';
import { tempDir } from '../test/helpers/temp-dir';
import { report, timed } from './support';

const FILES = Number(process.env.BENCH_FILES ?? 20_000);
const PER_AKTE = 20;
const SIDE = 128; // 128 × 128 RGB noise, stored (PNG filter 0, deflate finds nothing): ~50 KB

const dir = tempDir('eakte-bench-ingest-');
const app = await createApp({
  dataDir: dir.path,
  mode: 'cli',
  clock: fixedClock('2026-11-23T09:00:00+01:00'),
  validateOutput: false,
});
await seedDemo(app.deps);
// The receive and package services log where their time went (read, written, made durable, registered):
// kept for the report.
const log = memorySink();
const ctx = { ...app.deps, logger: createLogger([log]), caller: await resolveCaller(app.store.reader, 'archiv') };
/** The `…Ms` fields of the service's last log line with this message, in seconds. */
const phasesOf = (message: string): Record<string, number> => {
  const fields = JSON.parse(log.lines.findLast((l) => l.includes(`"${message}"`))!) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(fields)
      .filter((e): e is [string, number] => e[0].endsWith('Ms') && typeof e[1] === 'number')
      .map(([k, ms]) => [k.replace(/Ms$/, 'Seconds'), ms / 1000]),
  );
};
const ids = seededIds(2026);

/** A scan with 300 dpi (pHYs) whose pixels depend on `n`, so every file is distinct. */
function scan(n: number): Buffer {
  let seed = n + 1;
  const png = Buffer.from(
    encodePng({
      width: SIDE,
      height: SIDE,
      colorType: 2,
      bitDepth: 8,
      samples: () => [0, 1, 2].map(() => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24),
    }),
  );
  // pHYs (11811 pixels per metre = 300 dpi) after IHDR: the image check wants a resolution.
  const phys = Buffer.alloc(21);
  phys.writeUInt32BE(9, 0);
  phys.write('pHYs', 4, 'latin1');
  phys.writeUInt32BE(11811, 8);
  phys.writeUInt32BE(11811, 12);
  phys[16] = 1;
  phys.writeInt32BE(crc(phys.subarray(4, 17)), 17);
  return Buffer.concat([png.subarray(0, 33), phys, png.subarray(33)]);
}
function crc(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c | 0;
}

/** Writes an unpacked 0503 folder (message + files), as the archive gets it from a transfer share. */
async function package0503(
  name: string,
  files: number,
): Promise<{ folder: string; prozessId: string; bytes: number }> {
  const prozessId = ids.uuid();
  const folder = join(dir.path, name);
  mkdirSync(folder, { recursive: true });
  const akten: Akte[] = [];
  let bytes = 0;
  for (let a = 0; a * PER_AKTE < files; a++) {
    const documents: Dokument[] = [];
    for (let d = 0; d < PER_AKTE && a * PER_AKTE + d < files; d++) {
      const fileName = `${ids.uuid()}.png`;
      const png = scan(a * PER_AKTE + d);
      writeFileSync(join(folder, fileName), png);
      bytes += png.length;
      documents.push({
        kind: 'dokument',
        xdomeaUuid: ids.uuid(),
        title: `Blatt ${d + 1}`,
        versions: [
          { number: '1', formats: [{ ...formatCodeFor({ mimeType: 'image/png' }), file: { fileName } }] },
        ],
      });
    }
    akten.push({ kind: 'akte', xdomeaUuid: ids.uuid(), title: `Bauakte ${a + 1}`, documents });
  }
  await write0503Message(folder, prozessId, akten);
  return { folder, prozessId, bytes };
}

/** Receive + package, with the resident set size sampled so the peak is that of the ingest alone. */
async function measuredIngest(p: { folder: string; prozessId: string }) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const received = await timed(() => receiveAussonderung(ctx, { kind: 'path', path: p.folder }));
  if (received.value.status === 'error')
    throw new Error(`benchmark package has errors: ${JSON.stringify(received.value.packageFindings)}`);
  const out = join(dir.path, `repo-${p.prozessId}`);
  mkdirSync(out);
  const packaged = await timed(() => packageAussonderung(ctx, p.prozessId, out));
  clearInterval(sampler);
  return {
    receiveMs: received.ms,
    packageMs: packaged.ms,
    receivePhases: phasesOf('archiv 0503 received'),
    packagePhases: phasesOf('archiv package written'),
    peakRssDeltaMb: +((peak - before) / 1024 ** 2).toFixed(1),
    files: packaged.value.files,
  };
}

const tenthFiles = Math.max(PER_AKTE, Math.round(FILES / 10));
const smallPkg = await package0503('small', tenthFiles);
const fullPkg = await package0503('full', FILES);
// Both start alike: the generated files on disk (nothing left to write back) and in the page cache.
spawnSync('sync');
// The peer: GNU sha256sum over the same primary files, in the same run.
const peer = await timed(async () => {
  const r = spawnSync('sh', ['-c', 'find . -name "*.png" -print0 | xargs -0 sha256sum > /dev/null'], {
    cwd: fullPkg.folder,
  });
  if (r.status !== 0) throw new Error(`sha256sum failed: ${r.stderr}`);
});
const small = await measuredIngest(smallPkg);
const full = await measuredIngest(fullPkg);
const ingestMs = full.receiveMs + full.packageMs;
const result = {
  files: FILES,
  megabytes: +(fullPkg.bytes / 1024 ** 2).toFixed(1),
  receiveSeconds: +(full.receiveMs / 1000).toFixed(1),
  packageSeconds: +(full.packageMs / 1000).toFixed(1),
  receivePhases: full.receivePhases,
  packagePhases: full.packagePhases,
  peakRssDeltaMb: full.peakRssDeltaMb,
  tenth: {
    files: tenthFiles,
    seconds: +((small.receiveMs + small.packageMs) / 1000).toFixed(1),
    peakRssDeltaMb: small.peakRssDeltaMb,
  },
  sha256sumSeconds: +(peer.ms / 1000).toFixed(1),
  /** Receive + package over sha256sum of the same files. */
  ratioToSha256sum: +(ingestMs / peer.ms).toFixed(2),
  targets: { ratioToSha256sum: 2, memory: 'peak RSS of the full ingest close to that of a tenth' },
};
report(
  'ingest',
  [
    {
      run: 'receive + package',
      files: FILES,
      seconds: +(ingestMs / 1000).toFixed(1),
      'peak RSS Δ MB': full.peakRssDeltaMb,
    },
    {
      run: 'receive + package, a tenth',
      files: tenthFiles,
      seconds: result.tenth.seconds,
      'peak RSS Δ MB': small.peakRssDeltaMb,
    },
    { run: 'sha256sum (peer)', files: FILES, seconds: result.sha256sumSeconds, 'peak RSS Δ MB': '' },
  ],
  result,
);
console.log(`receive: ${JSON.stringify(full.receivePhases)}`);
console.log(`package: ${JSON.stringify(full.packagePhases)}`);
console.log(
  `ratio ingest / sha256sum: ${result.ratioToSha256sum} (goal ≤ ${result.targets.ratioToSha256sum})`,
);
await app.close();
dir.remove();
