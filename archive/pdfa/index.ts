/**
 * PDF/A-2b for eAkte Desk: writing (finalize a pdf-lib document, images to PDF/A, invisible OCR text),
 * a bounded preflight that reports per rule, and a repair for files that only lack PDF/A's boilerplate.
 */
export { SRGB_PROFILE_DESCRIPTION, srgbIccProfile } from './color/srgb-profile';
export type { PdfAMetadata } from './metadata/pdfa-metadata';
export { finalizePdfA } from './write/finalize';
export { loadTextFont, textFontBytes } from './text/text-font';
export { addInvisibleTextLayer, type TextLayerResult, type WordBox } from './text/invisible-text';
export { preflightPdfA } from './preflight/preflight';
export { PREFLIGHT_REVISION } from './preflight/revision';
export { defaultPreflightLimits, type PreflightLimits } from './preflight/parse/work-budget';
export {
  CHECKS,
  checkResult,
  failedChecks,
  type CheckId,
  type CheckResult,
  type CheckStatus,
  type PreflightReport,
} from './preflight/report';
export { addImagePage, type ImagePage } from './images/image-page';
export { imagesToPdfA, tiffToPdfA } from './images/images-to-pdfa';
export { fixPdfA, type FixOptions, type FixResult } from './fix/fix-pdfa';
