import type { AppEvent } from '../../contract/events';
import type { MethodInput, MethodName, MethodOutput } from '../../contract/methods';
import { ApiError, clientError } from './api-error';
import type { StagedFile, Transport } from './transport';

type Listener<T> = (value: T) => void;

/**
 * The renderer's one way to the core: typed calls that return the value or throw an ApiError carrying
 * the envelope's error. It also tells the UI whether the core is reachable and when a session ended.
 */
export class ApiClient {
  private sessionId: string | null = null;
  private readonly reachabilityListeners = new Set<Listener<boolean>>();
  private readonly sessionLostListeners = new Set<Listener<void>>();
  private reachable = true;

  constructor(readonly transport: Transport) {}

  setSession(sessionId: string | null): void {
    this.sessionId = sessionId;
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const envelope = await this.track(() => this.transport.invoke(method, input, this.sessionId));
    if (envelope.ok) return envelope.value as MethodOutput<M>;
    if (envelope.error.code === 'auth.not_logged_in' && method !== 'session.current') {
      for (const l of this.sessionLostListeners) l();
    }
    throw new ApiError(envelope.error);
  }

  /** The content of a document version, e.g. to show it through an object URL. */
  readFile(versionUuid: string): Promise<Blob> {
    return this.track(() => this.transport.readFile(versionUuid, this.sessionId));
  }

  /** A chosen or dropped file, made available for `intake.start`. */
  stageFile(file: File): Promise<StagedFile> {
    const { transport } = this;
    if (!transport.stageFile) return Promise.reject(clientError('client.bad_response', 'transport cannot pass files'));
    return this.track(() => transport.stageFile!(file, this.sessionId));
  }

  /** Whether folders are chosen in a dialog (Electron, which takes no typed path) rather than typed (browser mode). */
  get choosesFolders(): boolean {
    return this.transport.chooseFolder !== undefined;
  }

  /** Opens the native folder dialog for a folder to read from or write into; null when cancelled. */
  chooseFolder(purpose: 'read' | 'write'): Promise<string | null> {
    const { transport } = this;
    if (!transport.chooseFolder) return Promise.reject(clientError('client.bad_response', 'transport has no folder dialog'));
    return this.track(() => transport.chooseFolder!(purpose));
  }

  /** An out folder for exports, confirmations and packages. */
  chooseOutFolder(): Promise<string | null> {
    return this.chooseFolder('write');
  }

  onEvent(listener: Listener<AppEvent>): () => void {
    return this.transport.subscribe(listener);
  }

  isReachable(): boolean {
    return this.reachable;
  }

  onReachability(listener: Listener<boolean>): () => void {
    this.reachabilityListeners.add(listener);
    return () => this.reachabilityListeners.delete(listener);
  }

  /** A call failed because the session is gone (server restarted, logged out elsewhere). */
  onSessionLost(listener: Listener<void>): () => void {
    this.sessionLostListeners.add(listener);
    return () => this.sessionLostListeners.delete(listener);
  }

  private async track<T>(run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      this.setReachable(true);
      return result;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'client.unreachable') this.setReachable(false);
      throw err;
    }
  }

  private setReachable(value: boolean) {
    if (value === this.reachable) return;
    this.reachable = value;
    for (const l of this.reachabilityListeners) l(value);
  }
}
