import type { CoreDeps } from '../../core/records/context';
import type { Store } from '../../core/store/store';
import type { IntakeService } from './service';

/**
 * The intake service of a data folder: one per store, so the queue runs once. The UI hosts start it
 * with the app (startIntakeService) and close it before the store; otherwise the first intake call
 * creates it. Light on purpose (types only), so the host can close it without loading the OCR stack.
 */
const services = new WeakMap<Store, Promise<IntakeService>>();
/** Work that runs on the service and must stop before it (the app's hot folder). */
const dependents = new WeakMap<Store, () => Promise<void>>();

export function onIntakeClose(store: Store, stop: () => Promise<void>): void {
  dependents.set(store, stop);
}

export function registerIntakeService(store: Store, service: IntakeService): void {
  services.set(store, Promise.resolve(service));
}

export function intakeServiceFor(deps: CoreDeps, create: () => Promise<IntakeService>): Promise<IntakeService> {
  let service = services.get(deps.store);
  if (!service) {
    service = create().then(async (s) => {
      await s.queue.start();
      return s;
    });
    services.set(deps.store, service);
  }
  return service;
}

/** Stops the queue (running jobs continue at the next start) and the OCR workers of the store's service. */
export async function closeIntakeService(store: Store): Promise<void> {
  await dependents.get(store)?.();
  dependents.delete(store);
  const service = services.get(store);
  if (!service) return;
  services.delete(store);
  // A service that failed to start has nothing to stop; its error was reported to its first caller.
  await service.then((s) => s.close(), () => undefined);
}
