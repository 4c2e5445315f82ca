/**
 * Aussonderung benchmark: the 0503 export of 1,000 Akten with 20,000 PDF/A documents (~1 GB; scale with
 * BENCH_AKTEN, 20 documents of ~50 KB each per Akte) through the real path (fixity check of every blob,
 * PDF/A preflight, XSD-checked message, ZIP with manifest), against a plain `zip -r` of the same files in
 * the same run. Also exports a tenth of the Akten first, so peak memory can be compared across sizes.
 * The files are filed without the intake and each is exported once, so no PDF/A verdict is cached
 * (pdfa_verdict): every file is read, hash-checked and preflighted on the way into the ZIP.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, rgb } from 'pdf-lib';
import type { Caller } from '../core/access/caller';
import { createAkte, markZda } from '../core/records/akten';
import { createIncomingDocument } from '../core/records/documents';
import { resolveCaller } from '../core/records/users';
import { fixedClock } from '../core/platform/clock';
import { sha256 } from '../core/store/blobs/blob-store';
import { createApp } from '../host/create-app';
import { seedDemo } from '../fixtures/demo/seed';
import { createOffer, exportAussonderung, importMessage, pdfaTools } from '../archive/aussonderung/index';
import { finalizePdfA, preflightPdfA, textFontBytes } from '../archive/pdfa/index';
import { readMessage, writeValidatedMessage, type OfferMessage } from '../archive/xdomea/index';
import { tempDir } from '../test/helpers/temp-dir';
import { report, timed } from './support';

const AKTEN = Number(process.env.BENCH_AKTEN ?? 1000);
const DOCS_PER_AKTE = 20;
const NOISE_BYTES = 48 * 1024;

const dir = tempDir('eakte-bench-aussonderung-');
const app = await createApp({ dataDir: dir.path, mode: 'cli', clock: fixedClock('2026-11-23T09:00:00+01:00'), validateOutput: false });
await seedDemo(app.deps);

/**
 * One PDF/A-2b letter with an uncompressed noise image (scans do not deflate either). Every document
 * writes its number into the first bytes of that image, so each file is distinct, equally large and
 * still conforming.
 */
async function template(): Promise<{ bytes: Buffer; stampAt: number }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(textFontBytes(), { subset: true });
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('Schreiben im Benchmark der Aussonderung', { x: 70, y: 780, size: 11, font, color: rgb(0, 0, 0) });
  const side = Math.ceil(Math.sqrt(NOISE_BYTES / 3));
  const noise = Buffer.alloc(side * side * 3);
  let seed = 2026;
  for (let i = 0; i < noise.length; i++) noise[i] = (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
  const image = doc.context.register(
    doc.context.stream(noise, { Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 }),
  );
  page.node.setXObject(PDFName.of('Im1'), image);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(300, 0, 0, 300, 70, 400), drawObject('Im1'), popGraphicsState());
  const bytes = Buffer.from(
    await finalizePdfA(doc, {
      title: 'Benchmark',
      createdAt: new Date('2010-01-04T09:00:00Z'),
      documentId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      instanceId: '7c9e6679-7425-40de-944b-e07fc1f90ae8',
    }),
  );
  return { bytes, stampAt: bytes.indexOf(noise.subarray(0, 64)) };
}

const { bytes: base, stampAt } = await template();
if (stampAt < 0 || !preflightPdfA(base).conforming) throw new Error('benchmark template is not a stampable PDF/A');
const variant = (n: number): Buffer => {
  const bytes = Buffer.from(base);
  bytes.write(String(n).padStart(12, '0'), stampAt, 'latin1');
  return bytes;
};
if (!preflightPdfA(variant(1)).conforming) throw new Error('stamped variant is not PDF/A');

// Setup (not measured): Akten closed in 2010 under a 10-year Aktenplan position, filed through the real
// records path; blob files are written directly (without the per-file fsync of the blob store).
const clerk: Caller = await resolveCaller(app.store.reader, 'sb21');
const archivist: Caller = await resolveCaller(app.store.reader, 'archiv');
const plan = (await app.store.reader.get<{ uuid: string }>(`SELECT uuid FROM aktenplan_entry WHERE number = '21.10.02'`))!.uuid;
const blobDir = join(dir.path, 'blobs', 'sha256');
const akteUuids: string[] = [];
let inputBytes = 0;
const setup = await timed(async () => {
  for (let a = 0; a < AKTEN; a++) {
    const files = Array.from({ length: DOCS_PER_AKTE }, (_, d) => {
      const bytes = variant(a * DOCS_PER_AKTE + d);
      const hash = sha256(bytes);
      const path = app.store.blobs.pathOf(hash);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
      inputBytes += bytes.length;
      return { blob: { hash, size: bytes.length }, fileName: `schreiben-${d + 1}.pdf`, mimeType: 'application/pdf' };
    });
    await app.store.write(async (tx) => {
      const ctx = { ...app.deps, caller: clerk };
      const { uuid } = await createAkte(tx, ctx, { aktenplanEntryUuid: plan, title: `Gewerbesteuer Benchmark ${a + 1}`, persons: [], openedAt: '2009-02-01' });
      const vorgang = (await tx.get<{ uuid: string }>('SELECT v.uuid FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE a.uuid = ?', [uuid]))!.uuid;
      for (const [d, file] of files.entries()) {
        await createIncomingDocument(tx, ctx, {
          posteingang: { channel: 'papier', sender: 'Benchmark', receivedAt: '2009-03-01T09:00:00+01:00' },
          title: `Schreiben ${d + 1}`,
          amtId: '21',
          file,
          text: `Schreiben ${d + 1} der Akte ${a + 1}`,
          vorgangUuid: vorgang,
        });
      }
      await markZda(tx, ctx, uuid, '2010-03-15');
      akteUuids.push(uuid);
    });
  }
});

/** Offer → 0502 with every Akte appraised A, through the same services the API uses. */
async function appraisedAussonderung(uuids: string[]): Promise<string> {
  const ctx = { ...app.deps, caller: archivist };
  const outDir = join(dir.path, 'messages');
  mkdirSync(outDir, { recursive: true });
  const { prozessId, offer } = await createOffer(ctx, { amtId: '21', akteUuids: uuids, outDir });
  const sent = readMessage(readFileSync(offer.path)).message as OfferMessage;
  const xml = await writeValidatedMessage({
    type: '0502',
    header: { prozessId, createdAt: '2026-12-01T10:00:00Z', sender: sent.header.recipient, recipient: sent.header.sender },
    receiptRequested: false,
    appraisals: sent.objects.map((o) => ({ xdomeaUuid: o.xdomeaUuid, decision: 'A' as const })),
  });
  await importMessage(ctx, { kind: 'bytes', fileName: '0502.xml', base64: Buffer.from(xml).toString('base64') }, outDir);
  return prozessId;
}

/** Runs the export and samples the resident set size, so the peak is that of the export alone. */
async function measuredExport(prozessId: string, outDir: string) {
  mkdirSync(outDir, { recursive: true });
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t = await timed(() => exportAussonderung({ ...app.deps, caller: archivist }, pdfaTools, prozessId, outDir));
  clearInterval(sampler);
  return { ms: t.ms, peakRssDeltaMb: +((peak - before) / 1024 ** 2).toFixed(1), zipBytes: t.value.package.size, files: t.value.files.length };
}

const tenth = Math.max(1, Math.round(AKTEN / 10));
const small = await measuredExport(await appraisedAussonderung(akteUuids.slice(0, tenth)), join(dir.path, 'out-small'));
const full = await measuredExport(await appraisedAussonderung(akteUuids.slice(tenth)), join(dir.path, 'out-full'));
const fullInput = inputBytes * ((AKTEN - tenth) / AKTEN);

// The peer: Info-ZIP over all blob files of the same run (default deflate, as an archivist would type it).
const peerZip = join(dir.path, 'peer.zip');
const peer = await timed(async () => {
  const r = spawnSync('zip', ['-r', '-q', peerZip, '.'], { cwd: blobDir });
  if (r.status !== 0) throw new Error(`zip failed: ${r.stderr}`);
});
const peerMsPerByte = peer.ms / inputBytes;
const peerSameShare = peerMsPerByte * fullInput;

const result = {
  akten: AKTEN,
  documents: AKTEN * DOCS_PER_AKTE,
  inputMegabytes: +(inputBytes / 1024 ** 2).toFixed(1),
  setupSeconds: +(setup.ms / 1000).toFixed(1),
  export: {
    seconds: +(full.ms / 1000).toFixed(1),
    akten: AKTEN - tenth,
    files: full.files,
    peakRssDeltaMb: full.peakRssDeltaMb,
    outputToInput: +(full.zipBytes / fullInput).toFixed(3),
  },
  exportTenth: { seconds: +(small.ms / 1000).toFixed(1), akten: tenth, files: small.files, peakRssDeltaMb: small.peakRssDeltaMb },
  peerZip: { seconds: +(peer.ms / 1000).toFixed(1), files: AKTEN * DOCS_PER_AKTE, megabytes: +(statSync(peerZip).size / 1024 ** 2).toFixed(1) },
  /** Export time over the peer's time for the same bytes (the peer zipped all files; scaled to the export's share). */
  ratioToZip: +(full.ms / peerSameShare).toFixed(2),
  targets: { ratioToZip: 1.5, outputToInput: 1.05, memory: 'peak RSS of the full export close to that of a tenth' },
};
report(
  'aussonderung',
  [
    { run: 'export (0503)', akten: result.export.akten, files: full.files, seconds: result.export.seconds, 'peak RSS Δ MB': full.peakRssDeltaMb, 'out/in': result.export.outputToInput },
    { run: 'export, a tenth', akten: tenth, files: small.files, seconds: result.exportTenth.seconds, 'peak RSS Δ MB': small.peakRssDeltaMb, 'out/in': '' },
    { run: 'zip -r (peer, all files)', akten: AKTEN, files: AKTEN * DOCS_PER_AKTE, seconds: result.peerZip.seconds, 'peak RSS Δ MB': '', 'out/in': +(statSync(peerZip).size / inputBytes).toFixed(3) },
  ],
  result,
);
console.log(`ratio export / zip -r for the same bytes: ${result.ratioToZip} (goal ≤ ${result.targets.ratioToZip})`);
await app.close();
dir.remove();
