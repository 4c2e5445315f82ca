export { createJob, decideHold, discardJob, retryJob, type HoldDecision, type JobRequest } from './jobs';
export { listJobs, loadJob, stageRows, type JobFilter } from './job-rows';
export { definePipeline, firstStage, type PipelineBuilder } from './pipeline';
export { mapPool } from './pool';
export { createJobQueue, type JobQueue, type JobQueueOptions } from './queue';
export { currentValue, runJob, stagesOf, workFileName, type RunnerDeps } from './runner';
export { WorkFolders, WorkFileCorrupt } from './work-folder';
export * from './types';
