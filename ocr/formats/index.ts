export { detectFormat, type DetectedFormat, type DocumentFormat } from './detect-format';
export { SEARCHABLE_MIN_CHARACTERS, type IntakeDocument, type PageText } from './document';
export { assertPageCount, assertPixels, defaultIntakeLimits, type IntakeLimits } from './limits';
export { openDocument, type OpenedDocument } from './open-document';
export { isSearchable } from './pdf';
export { countTiffIfds } from './tiff';
