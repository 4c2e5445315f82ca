/** The intake's knobs, parsed once (defaults, then environment) and handed to the pipeline. */
export interface OcrSettings {
  /** Tesseract languages, e.g. ['deu'] or ['deu', 'eng']. */
  readonly languages: readonly string[];
  /** Resolution PDF pages are rendered at for separator detection, OCR and archiving. */
  readonly renderDpi: number;
  /** Pages worked on at once inside one job. */
  readonly pageConcurrency: number;
  /** Jobs run at once. */
  readonly jobConcurrency: number;
  /** Pages per source file; a larger batch is a Klärfall ("bitte aufteilen"). */
  readonly maxPages: number;
  /** Pixels per page (width × height). */
  readonly maxPixels: number;
  /** Hot-folder poll interval. */
  readonly pollMs: number;
  /**
   * Binarisation of the OCR copy: 'auto' for faint post-room letters; the archive's Digitalisate use
   * 'never' (old registers and maps lose their grey tones in a bilevel copy and OCR reads them worse).
   */
  readonly binarize: 'auto' | 'never';
}

export const defaultOcrSettings: OcrSettings = {
  languages: ['deu'],
  renderDpi: 300,
  pageConcurrency: 2,
  jobConcurrency: 1,
  maxPages: 300,
  maxPixels: 120_000_000,
  pollMs: 2000,
  binarize: 'auto',
};

/** The Stadtarchiv's own scanners: the same intake, but the OCR copy is never binarised. */
export const archiveOcrSettings = (base: OcrSettings = parseOcrSettings()): OcrSettings => ({
  ...base,
  binarize: 'never',
});

const int = (v: string | undefined, min: number, max: number): number | undefined => {
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** Environment overrides (EAKTE_OCR_*); invalid values fall back to the defaults. */
export function parseOcrSettings(
  env: NodeJS.ProcessEnv = process.env,
  base: OcrSettings = defaultOcrSettings,
): OcrSettings {
  const langs = env.EAKTE_OCR_LANGUAGES?.split(/[+,\s]+/).filter((l) => /^[a-z_]{3,8}$/.test(l));
  return {
    languages: langs?.length ? langs : base.languages,
    renderDpi: int(env.EAKTE_OCR_DPI, 72, 600) ?? base.renderDpi,
    pageConcurrency: int(env.EAKTE_OCR_PAGE_CONCURRENCY, 1, 16) ?? base.pageConcurrency,
    jobConcurrency: int(env.EAKTE_OCR_JOB_CONCURRENCY, 1, 8) ?? base.jobConcurrency,
    maxPages: int(env.EAKTE_OCR_MAX_PAGES, 1, 5000) ?? base.maxPages,
    maxPixels: base.maxPixels,
    pollMs: int(env.EAKTE_HOT_FOLDER_POLL_MS, 50, 600_000) ?? base.pollMs,
    binarize: base.binarize,
  };
}
