/**
 * xdomea Aussonderung messages (0501–0507): a plain model, a 3.1.0 writer, a 3.0.0/3.1.0 reader behind
 * safe-XML checks, XSD validation that runs anywhere, answer matching, and the 0503 ZIP package.
 */
export type * from './model';
export { writeMessage } from './write/write-message';
export {
  identifyMessage,
  readMessage,
  readMessageHeader,
  type MessageIdentity,
  type ReadResult,
  type ReadWarning,
} from './read/read-message';
export { readValidatedMessage, writeValidatedMessage } from './validated';
export { HandoverMessageWriter, type WrittenHandoverMessage } from './handover-writer';
export {
  assertMessageFileSchema,
  assertMessageSchema,
  validateMessageFile,
  validateMessageSchema,
  type SchemaIssue,
  type SchemaValidation,
} from './validate/schema-validator';
export { defaultXmlLimits, type XmlLimits } from './xml/safe-xml';
export { matchAppraisals, matchImportResults, type AppraisalMatch, type ImportMatch } from './matching';
export { collectPrimaryFileNames, collectUuids } from './object-tree';
export { containerFileName, messageFileName, parseMessageFileName, primaryFileName } from './file-names';
export { DATEIFORMAT_LIST_VERSION, formatCodeFor, mimeTypeOfFormat, type FormatCode } from './file-formats';
export {
  readAussonderungPackage,
  writeAussonderungPackage,
  type AussonderungPackageInput,
  type ReadPackage,
  type ReadPackageOptions,
  type WrittenPackage,
} from './package';
export { streamMessageObjects, type StreamedMessage, type StreamedObject } from './read/stream-objects';
