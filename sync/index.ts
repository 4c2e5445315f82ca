/** Offline-first sync with the central DMS over CMIS 1.1 (see README.md in this folder). */
export { syncHandlers } from './handlers';
export { runCycle, type CycleResult } from './engine';
export { syncSummary } from './status';
export { startBackgroundSync, startSyncLoop, type SyncLoop } from './loop';
export { appSyncConfig } from './config';
