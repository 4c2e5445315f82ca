import type { Envelope } from '../../contract/envelope';
import type { AppEvent } from '../../contract/events';

/** What Electron's preload exposes as window.eakte (electron/preload/preload.ts). */
export interface EakteBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  readFile?(versionUuid: string): Promise<Envelope<{ bytes: Uint8Array; fileName: string; mimeType: string }>>;
  /** Alternative to readFile: a URL of the app:// protocol that serves the version. */
  fileUrl?(versionUuid: string): string;
  /** The path of a file the user dropped or chose (Electron's webUtils.getPathForFile); '' for others. */
  pathForFile?(file: File): Promise<string>;
  /** A folder the user chose in the native dialog ('' when cancelled); Electron accepts only such folders as paths. */
  chooseFolder?(purpose: 'read' | 'write'): Promise<string>;
}

declare global {
  interface Window {
    eakte?: EakteBridge;
  }
}
