import type { CoreDeps } from '../../core/records/context';
import { resumeHotFolder } from './app-hot-folder';
import { createRealTools } from './real-tools';
import { createIntakeService, type IntakeService } from './service';
import { intakeServiceFor } from './service-registry';
import { parseOcrSettings } from './settings';

/**
 * The data folder's intake service with the real building blocks, its queue started: jobs a crash left
 * running are queued again and continue, and a hot folder watched before is watched again. OCR workers
 * start only when a page needs them.
 */
export const startIntakeService = (deps: CoreDeps): Promise<IntakeService> =>
  intakeServiceFor(deps, async () => {
    const settings = parseOcrSettings();
    const service = createIntakeService(deps, await createRealTools(settings, deps.logger), settings);
    await resumeHotFolder(deps, service);
    return service;
  });
