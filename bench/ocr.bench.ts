/**
 * OCR benchmark: the same 20-page scanned batch (10 clean, 10 faint and noisy letters, 300 dpi, as one
 * image PDF) through our recognize path (pdf.js render → prepare → tesseract.js pool) and through
 * `ocrmypdf --output-type pdfa -l deu` (Debian ocrmypdf, tesseract-ocr-deu), in the same run.
 * Reports pages per minute, CER of both against the known text (ocrmypdf's text via pdftotext) and the
 * peak RSS of each process tree. Not a test: it measures, it does not pass or fail.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapPool } from '../core/jobs/pool';
import { addNoise, characterErrorRate, fade, imagePdf, makeLetter, renderLetter } from '../fixtures/samples/intake';
import { openDocument } from '../ocr/formats';
import { preparePage } from '../ocr/prepare';
import { createTesseractEngine, createTesseractOrientation, recognizePage } from '../ocr/engines';
import { report } from './support';

const PAGES = 20;
const seeds = Array.from({ length: PAGES }, (_, i) => 100 + i);
const isNoisy = (i: number) => i >= PAGES / 2;

/** Sum of VmRSS over a process and all its descendants (ocrmypdf runs tesseract in child processes). */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += m ? Number(m[1]) * 1024 : 0;
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Runs a command, sampling its process tree's RSS every 100 ms; returns wall time and peak RSS. */
function measured(cmd: string, args: string[]): Promise<{ seconds: number; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 100);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${cmd} exit ${code}: ${stderr.slice(-2000)}`));
      else resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, peakRssMb: Math.round(peak / 2 ** 20) });
    });
  });
}

/** Child mode: our path over the PDF, page texts written as JSON. */
async function runOurs(pdfPath: string, outPath: string): Promise<void> {
  const { document } = await openDocument(readFileSync(pdfPath));
  const workers = Math.min(availableParallelism(), 4);
  const engine = createTesseractEngine({ workers });
  const osd = createTesseractOrientation();
  const indexes = Array.from({ length: document.pageCount }, (_, i) => i);
  const texts = await mapPool(indexes, workers, async (i) => {
    const prepared = await preparePage(await document.rasterize(i, 300), osd);
    return (await recognizePage(engine, prepared, { page: i + 1 }))?.text ?? '';
  });
  await Promise.all([engine.close(), osd.close(), document.close()]);
  writeFileSync(outPath, JSON.stringify(texts));
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'ocr-bench-'));
  try {
    const letters = seeds.map((s) => makeLetter(s));
    const pages = letters.map((l, i) => {
      const page = renderLetter(l);
      return isNoisy(i) ? addNoise(fade(page, 110, 215), i, 18, 30) : page;
    });
    const pdf = join(work, 'batch.pdf');
    writeFileSync(pdf, await imagePdf(pages, 300));
    console.log(`${PAGES}-page batch written (${Math.round(readFileSync(pdf).length / 1e6)} MB); ${availableParallelism()} cores`);

    const oursOut = join(work, 'ours.json');
    const ours = await measured(process.execPath, ['--import', 'tsx', import.meta.filename, '--ours', pdf, oursOut]);
    const oursTexts = JSON.parse(readFileSync(oursOut, 'utf8')) as string[];

    const peerPdf = join(work, 'ocrmypdf.pdf');
    const peer = await measured('ocrmypdf', ['--output-type', 'pdfa', '-l', 'deu', '--jobs', String(availableParallelism()), pdf, peerPdf]);
    const peerTexts = seeds.map((_, i) =>
      spawnSync('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), peerPdf, '-'], { encoding: 'utf8' }).stdout,
    );

    const cer = (texts: string[], noisy: boolean) => {
      const idx = seeds.map((_, i) => i).filter((i) => isNoisy(i) === noisy);
      return idx.reduce((sum, i) => sum + characterErrorRate(texts[i] ?? '', letters[i]!.text), 0) / idx.length;
    };
    const pct = (v: number) => Math.round(v * 10000) / 100;
    const result = {
      pages: PAGES,
      cores: availableParallelism(),
      ours: {
        seconds: Math.round(ours.seconds * 10) / 10,
        pagesPerMinute: Math.round((PAGES / ours.seconds) * 60 * 10) / 10,
        cerCleanPercent: pct(cer(oursTexts, false)),
        cerNoisyPercent: pct(cer(oursTexts, true)),
        peakRssMb: ours.peakRssMb,
      },
      ocrmypdf: {
        seconds: Math.round(peer.seconds * 10) / 10,
        pagesPerMinute: Math.round((PAGES / peer.seconds) * 60 * 10) / 10,
        cerCleanPercent: pct(cer(peerTexts, false)),
        cerNoisyPercent: pct(cer(peerTexts, true)),
        peakRssMb: peer.peakRssMb,
      },
      throughputRatio: Math.round((peer.seconds / ours.seconds) * 100) / 100,
      targets: { cerCleanPercent: 1, cerNoisyPercent: 3, throughputRatio: 1, peakRssMb: 1536 },
    };
    report(
      'ocr',
      (['ours', 'ocrmypdf'] as const).map((k) => ({
        path: k === 'ours' ? 'eAkte (tesseract.js)' : 'ocrmypdf -l deu',
        'Seiten/min': result[k].pagesPerMinute,
        'CER sauber %': result[k].cerCleanPercent,
        'CER verrauscht %': result[k].cerNoisyPercent,
        'Peak RSS MB': result[k].peakRssMb,
      })),
      result,
    );
    console.log(`Durchsatz eAkte/ocrmypdf: ${result.throughputRatio}×`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--ours') await runOurs(process.argv[3]!, process.argv[4]!);
else await main();
