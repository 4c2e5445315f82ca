/** Offline-first sync with the central DMS over CMIS 1.1 (see README.md in this folder). */
export { syncHandlers } from './handlers';
export { runCycle, type CycleResult } from './engine';
export { syncSummary, syncDetails, objectSyncStates } from './status';
export { loadSyncConfig, configPath, type SyncConfig } from './config';
export { addDocumentVersion, updateDocumentMetadata, deleteDocument } from './local/edits';
