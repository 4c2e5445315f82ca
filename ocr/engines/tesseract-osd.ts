import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { dirname } from 'node:path';
import type { OrientationDetector, OrientationGuess } from '../prepare';
import { downscale, encodePgm, type GrayRaster, type QuarterTurn } from '../raster';
import { packagedTraineddata } from './language-data';

/**
 * Tesseract's orientation and script detection with `osd.traineddata` from the npm package
 * `@tesseract.js-data/osd` (legacy engine, one worker). Pages are looked at with ~150 dpi, plenty for
 * OSD and four times less work than 300 dpi.
 */
export function createTesseractOrientation(): OrientationDetector & { close(): Promise<void> } {
  let worker: Promise<Worker> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const start = () =>
    createWorker('osd', OEM.TESSERACT_ONLY, {
      langPath: dirname(packagedTraineddata('osd', 'legacy')),
      cacheMethod: 'none',
      gzip: true,
      legacyCore: true,
      legacyLang: true,
    });

  const detectOne = async (page: GrayRaster, dpi: number): Promise<OrientationGuess | null> => {
    const factor = Math.max(1, Math.round(dpi / 150));
    const w = await (worker ??= start());
    await w.setParameters({ tessedit_pageseg_mode: PSM.OSD_ONLY, user_defined_dpi: String(Math.round(dpi / factor)) });
    const { data } = await w.detect(Buffer.from(encodePgm(downscale(page, factor))));
    if (data.orientation_degrees === null || data.orientation_confidence === null) return null;
    // Tesseract's orientation_degrees is the clockwise turn that makes the text upright (a page turned
    // 90° clockwise reports 270; the tests check all four turns).
    return { correction: data.orientation_degrees as QuarterTurn, confidence: data.orientation_confidence };
  };

  return {
    detect(page, dpi, signal) {
      // One worker: detections run one after the other.
      const run = queue.then(() => {
        signal?.throwIfAborted();
        return detectOne(page, dpi);
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      const w = worker;
      worker = null;
      await (await w?.catch(() => null))?.terminate();
    },
  };
}
