export { binarizeOtsu, histogram, otsuThreshold, percentile, sauvola } from './binarize';
export { detectBlank, type BlankOptions, type BlankVerdict } from './blank';
export { estimateSkew, type SkewEstimate } from './deskew';
export { unskewBox } from './map-box';
export type { OrientationDetector, OrientationGuess } from './orientation';
export { preparePage, type PrepareOptions, type PreparedPage } from './prepare-page';
