/**
 * Office side of the Aussonderung to the city archive: retention, 0501 offer, 0502 appraisal, 0503
 * package with PDF/A check and SHA-256 manifest, 0504/0506/0507 answers, deletion with Löschprotokoll,
 * and the fixity check of the blob store.
 */
export { aussonderungHandlers } from './handlers';
export { deletionProtocolCsv } from './deletion-protocol';
export { parseManifest, type ManifestLine } from './manifest';
export { validateMessageFile, type FileValidation } from './validate-file';
export { createOffer } from './offer';
export { importMessage } from './import-message';
export { exportAussonderung } from './export';
export { pdfaTools } from './pdfa-tools';
