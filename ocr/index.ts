/**
 * Intake: sources (files, folders, hot folder, e-mail), the OCR building blocks, and the intake
 * pipeline that turns them into searchable PDF/A documents in the Posteingang.
 */
export { batchOutcome } from './pipeline/batch-outcome';
export { intakeHandlers } from './pipeline/handlers';
export { createIntakePipeline, INTAKE_PIPELINE } from './pipeline/intake-pipeline';
export { createRealTools } from './pipeline/real-tools';
export { createIntakeService, type IntakeService, type TakeInOptions } from './pipeline/service';
export { closeIntakeService, registerIntakeService } from './pipeline/service-registry';
export { startIntakeService } from './pipeline/start';
export { archiveOcrSettings, defaultOcrSettings, parseOcrSettings, type OcrSettings } from './pipeline/settings';
export { createArchiveScanIntake, type ArchiveScanIntake } from './pipeline/archive-scans';
export type { IntakeTools } from './pipeline/tools';
export type { WordsSidecar } from './pipeline/stages/assemble';
export { createHotFolder, HOT_FOLDER_DIRS, type HotFolder } from './sources';
