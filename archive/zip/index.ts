/** Safe ZIP handling: a streaming writer and a reader that checks the whole directory before reading. */
export { assertSafeEntryName, entryNameProblem } from './entry-name';
export {
  writeZip,
  type WrittenEntry,
  type WrittenZip,
  type ZipSource,
  type ZipWriteEntry,
  type ZipWriteOptions,
} from './zip-writer';
export {
  defaultZipLimits,
  openSafeZip,
  type ExtractedFile,
  type SafeZip,
  type ZipEntryInfo,
  type ZipLimits,
} from './zip-reader';
