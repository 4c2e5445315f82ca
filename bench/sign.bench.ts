/**
 * Signing benchmark: signs and verifies 100 one-page PDFs and 10 scanned-like 200-page PDFs (one
 * 150 dpi JPEG per page, ~30 MB; PAdES B-B, RSA 2048 from PKCS#12) and compares the time per
 * signature and per verification with poppler's pdfsig verifying the same file in the same run (the
 * peer; its time includes process start and NSS set-up, as when the app would call it). The peak
 * memory of signing and verifying one 200-page file is measured in a fresh child process.
 * Writes bench/results/sign.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { openPkcs12Signer } from '../archive/sign/keys/pkcs12-signer';
import { loadDefaultStampFont, signPdf, verifyPdf } from '../archive/sign/index';
import { fixedClock } from '../core/platform/clock';
import { createSignFixture } from '../archive/sign/testing/sign-fixture';
import { makeTestPdf } from '../archive/sign/testing/test-pdf';
import { percentile, report, timed } from './support';

const PASSWORD = 'bench';

if (process.argv[2] === '--peak') {
  // Child mode: sign and verify one file, report the resident set's rise above the level after loading.
  const [pdfPath, p12Path, caPath] = process.argv.slice(3) as [string, string, string];
  const input = new Uint8Array(readFileSync(pdfPath));
  const signer = await openPkcs12Signer(new Uint8Array(readFileSync(p12Path)), PASSWORD);
  const clock = fixedClock(new Date().toISOString());
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  const signed = await signPdf(input, { signer, clock });
  await verifyPdf(signed.pdf, { trustAnchors: [new Uint8Array(readFileSync(caPath))], clock });
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ rssBeforeMb: rssBefore / 1e6, maxRssMb: maxRss / 1e6 }));
  process.exit(0);
}

const fx = await createSignFixture();
const font = await loadDefaultStampFont();
const p12 = fx.pki.signer.p12(PASSWORD);
const signer = await openPkcs12Signer(p12, PASSWORD);
const trustAnchors = [new Uint8Array(readFileSync(fx.pki.caCert))];
const clock = fx.clock;

/** A page "scan": the one-page test letter rendered by pdftoppm as a 150 dpi JPEG. */
const onePageInput = await makeTestPdf({ font, lines: 45 });
const scanFile = fx.write('scan-source.pdf', onePageInput);
execFileSync('pdftoppm', ['-jpeg', '-r', '150', '-singlefile', scanFile, join(fx.dir, 'scan')]);
const scan = new Uint8Array(readFileSync(join(fx.dir, 'scan.jpg')));

/** 200 pages, each with its own embedded JPEG, as a scanned file from the post room would be. */
async function scannedPdf(pages: number, variant: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) {
    // One byte in a JPEG comment makes each page's image its own object, as in a real scan.
    const jpeg = Buffer.concat([scan.subarray(0, 2), Buffer.from([0xff, 0xfe, 0x00, 0x04, variant & 0xff, i & 0xff]), scan.subarray(2)]);
    const image = await doc.embedJpg(jpeg);
    doc.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return doc.save();
}

interface Round {
  signMs: number[];
  verifyMs: number[];
  pdfsigMs: number[];
  bytes: number[];
}

async function measure(name: string, inputs: () => Promise<Uint8Array>, count: number): Promise<Round> {
  const round: Round = { signMs: [], verifyMs: [], pdfsigMs: [], bytes: [] };
  for (let i = 0; i < count; i++) {
    const input = await inputs();
    round.bytes.push(input.length);
    const signed = await timed(() => signPdf(input, { signer, clock, reason: 'Benchmark' }));
    round.signMs.push(signed.ms);
    const verified = await timed(() => verifyPdf(signed.value.pdf, { trustAnchors, clock }));
    if (verified.value.signatures[0]?.status !== 'valid') throw new Error(`${name}: own verification failed`);
    round.verifyMs.push(verified.ms);
    const file = fx.write(`${name}.pdf`, signed.value.pdf);
    const peer = await timed(async () => spawnSync('pdfsig', ['-nssdir', fx.nssDir, file], { encoding: 'utf8' }));
    if (!peer.value.stdout.includes('Signature is Valid.')) throw new Error(`${name}: pdfsig does not accept ${file}`);
    round.pdfsigMs.push(peer.ms);
  }
  return round;
}

const median = (v: number[]) => percentile(v, 50);
const ms = (v: number) => +v.toFixed(1);
const summary = (r: Round) => ({
  fileMb: +(median(r.bytes) / 1e6).toFixed(2),
  signMedianMs: ms(median(r.signMs)),
  signP95Ms: ms(percentile(r.signMs, 95)),
  verifyMedianMs: ms(median(r.verifyMs)),
  pdfsigMedianMs: ms(median(r.pdfsigMs)),
  signToPdfsig: +(median(r.signMs) / median(r.pdfsigMs)).toFixed(2),
  verifyToPdfsig: +(median(r.verifyMs) / median(r.pdfsigMs)).toFixed(2),
});

const onePage = summary(await measure('one-page', async () => onePageInput, 100));
let variant = 0;
const twoHundred = summary(await measure('200-pages', () => scannedPdf(200, variant++), 10));

const peakFile = fx.write('peak-input.pdf', await scannedPdf(200, 99));
const peakRun = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--expose-gc', import.meta.filename, '--peak', peakFile, fx.write('peak.p12', p12), fx.pki.caCert],
  { encoding: 'utf8' },
);
const peak = JSON.parse(peakRun.stdout.trim().split('\n').at(-1)!) as { rssBeforeMb: number; maxRssMb: number };

const result = {
  signer: 'PKCS#12, RSA 2048, PAdES B-B, invisible signature',
  onePage: { files: 100, ...onePage },
  twoHundredPages: { files: 10, ...twoHundred },
  peakMemory200Pages: {
    fileMb: +(readFileSync(peakFile).length / 1e6).toFixed(2),
    maxRssMb: +peak.maxRssMb.toFixed(1),
    rssRiseMb: +(peak.maxRssMb - peak.rssBeforeMb).toFixed(1),
  },
};
const row = (label: string, s: ReturnType<typeof summary>) => ({
  Messung: label,
  'Datei MB': s.fileMb,
  'Signieren ms (Median/p95)': `${s.signMedianMs} / ${s.signP95Ms}`,
  'Prüfen ms': s.verifyMedianMs,
  'pdfsig ms': s.pdfsigMedianMs,
  'Signieren/pdfsig': `${s.signToPdfsig}×`,
  'Prüfen/pdfsig': `${s.verifyToPdfsig}×`,
});
report('sign', [row('100 × 1 Seite', onePage), row('10 × 200 Seiten (Scan)', twoHundred)], result);
const p = result.peakMemory200Pages;
console.log(`Spitzenspeicher beim Signieren und Prüfen einer 200-Seiten-Datei (${p.fileMb} MB): ${p.maxRssMb} MB RSS, Anstieg ${p.rssRiseMb} MB`);
fx.remove();
