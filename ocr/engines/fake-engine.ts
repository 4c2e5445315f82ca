import { AppError } from '../../contract/app-error';
import type { OcrEngine, RawRecognition } from './ocr-engine';

/**
 * A stand-in engine for pipeline tests: returns the given text per call (one word box per word, laid
 * out in a row), and fails with intake.ocr_failed on the pages listed in `failOnPages` (1-based).
 */
export function createFakeOcrEngine(options: { text?: (page: number) => string; failOnPages?: readonly number[] } = {}): OcrEngine & {
  readonly calls: number;
} {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async recognize(_image, opts = {}): Promise<RawRecognition> {
      calls++;
      opts.signal?.throwIfAborted();
      const page = opts.page ?? calls;
      if (options.failOnPages?.includes(page)) throw new AppError('intake.ocr_failed', { page }, `fake engine fails page ${page}`);
      const text = options.text?.(page) ?? `Seite ${page}`;
      let x = 100;
      const words = text.split(/\s+/).filter(Boolean).map((t) => {
        const bbox = { x0: x, y0: 100, x1: x + t.length * 20, y1: 130 };
        x = bbox.x1 + 15;
        return { text: t, confidence: 90, bbox };
      });
      opts.onProgress?.(1);
      return { text, confidence: 90, words, hocr: '' };
    },
    close: async () => undefined,
  };
}
