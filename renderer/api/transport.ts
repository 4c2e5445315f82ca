import type { Envelope } from '../../contract/envelope';
import type { AppEvent } from '../../contract/events';

/**
 * How the renderer reaches the core. `ipc` under Electron (window.eakte), `http` in browser mode.
 * Transports return the core's envelope as is; only a failure to reach the core is thrown (as ApiError).
 */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke(method: string, input: unknown, sessionId: string | null): Promise<Envelope<unknown>>;
  /** The content of one document version. */
  readFile(versionUuid: string, sessionId: string | null): Promise<Blob>;
  subscribe(listener: (event: AppEvent) => void): () => void;
}
