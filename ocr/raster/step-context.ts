import type { Logger } from '../../core/platform/logger';

/**
 * What every intake building block may receive besides its input. The job runner's StageContext
 * provides all of it (signal, logger, progress); tests pass only what they need.
 */
export interface StepContext {
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  /** Called after each unit of work (usually a page): `done` of `total`. */
  readonly onProgress?: (done: number, total: number) => void;
}
