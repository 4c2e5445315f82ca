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
  /**
   * A chosen or dropped file made available to the core: its path under Electron, an upload in browser
   * mode (streamed, not through the JSON envelope). Then `intake.start({paths | uploads})` takes it in.
   */
  stageFile?(file: File, sessionId: string | null): Promise<StagedFile>;
  /** Electron only: a folder chosen in the native dialog to read from or write into (null when cancelled); only such folders may be named. */
  chooseFolder?(purpose: 'read' | 'write'): Promise<string | null>;
}

export type StagedFile = { path: string } | { uploadId: string };
