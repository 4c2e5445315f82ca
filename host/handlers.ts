import { archivMethods } from '../contract/methods/archiv';
import { aussonderungMethods } from '../contract/methods/aussonderung';
import { classifyMethods } from '../contract/methods/classify';
import { digitalisateMethods } from '../contract/methods/digitalisate';
import { intakeMethods } from '../contract/methods/intake';
import { signaturesMethods } from '../contract/methods/signatures';
import { syncMethods } from '../contract/methods/sync';
import type { MethodSpec } from '../contract/method-spec';
import { casePdfMethods } from '../contract/methods/case-pdf';
import { coreHandlers } from '../core/api/handlers';
import { adminHandlers } from '../core/api/identity-handlers';
import { workspaceHandlers } from '../core/records/workspace-handlers';
import { viewerHandlers } from '../core/search/viewer-handlers';
import type { Handler, HandlerCtx, Handlers, HandlersFor } from '../core/api/handler-types';

/**
 * Feature handlers load on their first call: OCR, PDF rendering, XML validation and the like pull in
 * large libraries that the start of the app must not wait for.
 */
function lazy<T extends Record<string, MethodSpec>>(table: T, load: () => Promise<HandlersFor<T>>): HandlersFor<T> {
  let loading: Promise<HandlersFor<T>> | null = null;
  const entries = Object.keys(table).map((name) => {
    const call = async (ctx: HandlerCtx, input: unknown) => {
      const loaded = (await (loading ??= load())) as Record<string, Handler<never>>;
      return loaded[name]!(ctx, input as never);
    };
    return [name, call];
  });
  return Object.fromEntries(entries) as HandlersFor<T>;
}

/** One handler per method of contract/methods; a method without a handler does not compile. */
export const handlers: Handlers = {
  ...coreHandlers,
  ...adminHandlers,
  ...workspaceHandlers,
  ...lazy(casePdfMethods, async () => (await import('../archive/akteneinsicht/handlers')).casePdfHandlers),
  ...viewerHandlers,
  ...lazy(aussonderungMethods, async () => (await import('../archive/aussonderung/index')).aussonderungHandlers),
  ...lazy(archivMethods, async () => (await import('../archive/ingest/app/handlers')).archivHandlers),
  ...lazy(digitalisateMethods, async () => {
    const [{ digitalisateHandlers }, { createArchiveScanIntake }] = await Promise.all([
      import('../archive/digitalisate/handlers'),
      import('../ocr'),
    ]);
    return digitalisateHandlers(createArchiveScanIntake);
  }),
  ...lazy(syncMethods, async () => (await import('../sync')).syncHandlers),
  ...lazy(intakeMethods, async () => (await import('../ocr')).intakeHandlers),
  ...lazy(classifyMethods, async () => (await import('../classify/app/handlers')).classifyHandlers),
  ...lazy(signaturesMethods, async () => (await import('../archive/sign/app/handlers')).signaturesHandlers),
};
