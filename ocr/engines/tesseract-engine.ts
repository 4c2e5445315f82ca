import { availableParallelism } from 'node:os';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { AppError } from '../../contract/app-error';
import type { Logger } from '../../core/platform/logger';
import { encodePgm, type GrayRaster, type PageImage } from '../raster';
import { languageFolder } from './language-data';
import type { OcrEngine, RawRecognition, RecognizeOptions } from './ocr-engine';

export interface TesseractOptions {
  /** Tesseract language codes, each from its `@tesseract.js-data/<code>` package. */
  readonly languages?: readonly string[];
  /** Worker threads; default one per core, at most 4 (each holds ~150 MB of models and buffers). */
  readonly workers?: number;
  /** Where the packaged language files are gathered for tesseract.js (default: a temp folder). */
  readonly languageFolder?: string;
  readonly logger?: Logger;
}

interface Slot {
  worker: Promise<Worker> | null;
  progress: ((fraction: number) => void) | null;
}

type Blocks = NonNullable<Awaited<ReturnType<Worker['recognize']>>['data']['blocks']>;

function wordsOf(blocks: Blocks | null): RawRecognition['words'] {
  const words: RawRecognition['words'][number][] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const w of line.words) {
          if (w.text.trim()) words.push({ text: w.text, confidence: w.confidence, bbox: w.bbox });
        }
      }
    }
  }
  return words;
}

/**
 * Tesseract (WebAssembly, LSTM) in a bounded pool of worker threads, fully offline: language data
 * comes from the npm packages, nothing is cached or fetched. Pages queue for the next free worker.
 */
export function createTesseractEngine(options: TesseractOptions = {}): OcrEngine {
  const languages = options.languages ?? ['deu', 'eng'];
  const size = Math.max(1, Math.min(options.workers ?? availableParallelism(), 4));
  const logger = options.logger;
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, progress: null }));
  const free: Slot[] = [...slots];
  const waiting: ((slot: Slot) => void)[] = [];
  let folder: Promise<string> | null = null;
  let closed = false;

  const start = (slot: Slot): Promise<Worker> => {
    folder ??= languageFolder(languages, options.languageFolder);
    return folder.then((langPath) =>
      createWorker(languages.join('+'), OEM.LSTM_ONLY, {
        langPath,
        cacheMethod: 'none',
        gzip: true,
        logger: (m) => {
          if (m.status === 'recognizing text') slot.progress?.(m.progress);
        },
        errorHandler: (e) => logger?.warn('tesseract worker error', { detail: String(e).slice(0, 200) }),
      }),
    );
  };

  const acquire = (): Promise<Slot> => {
    const slot = free.pop();
    return slot ? Promise.resolve(slot) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (slot: Slot) => {
    slot.progress = null;
    const next = waiting.shift();
    if (next) next(slot);
    else free.push(slot);
  };
  // A worker that was aborted mid-page or failed is thrown away; the slot starts a fresh one when needed.
  const discard = (slot: Slot) => {
    const w = slot.worker;
    slot.worker = null;
    void w?.then((x) => x.terminate()).catch(() => undefined);
  };

  return {
    async recognize(image: PageImage & { raster: GrayRaster }, opts: RecognizeOptions = {}): Promise<RawRecognition> {
      if (closed) throw new Error('OCR engine is closed');
      opts.signal?.throwIfAborted();
      const slot = await acquire();
      const page = opts.page ?? 0;
      try {
        opts.signal?.throwIfAborted();
        slot.worker ??= start(slot);
        const worker = await slot.worker;
        slot.progress = opts.onProgress ?? null;
        await worker.setParameters({
          tessedit_pageseg_mode: PSM.AUTO,
          user_defined_dpi: String(Math.round(image.dpi.y)),
        });
        const job = worker.recognize(Buffer.from(encodePgm(image.raster)), {}, { text: true, blocks: true, hocr: true });
        const aborted = new Promise<never>((_, reject) => {
          const onAbort = () => reject(opts.signal!.reason);
          opts.signal?.addEventListener('abort', onAbort, { once: true });
          void job.finally(() => opts.signal?.removeEventListener('abort', onAbort)).catch(() => undefined);
        });
        const { data } = await Promise.race([job, aborted]);
        return { text: data.text, confidence: data.confidence, words: wordsOf(data.blocks), hocr: data.hocr ?? '' };
      } catch (e) {
        discard(slot);
        if (opts.signal?.aborted) throw opts.signal.reason;
        if (e instanceof AppError) throw e;
        throw new AppError('intake.ocr_failed', { page }, `tesseract failed on page ${page}`, { cause: e });
      } finally {
        release(slot);
      }
    },
    async close() {
      closed = true;
      await Promise.all(slots.map(async (s) => (await s.worker?.catch(() => null))?.terminate()));
      slots.forEach((s) => (s.worker = null));
    },
  };
}
