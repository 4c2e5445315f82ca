import type { MethodName, MethodOutput, MethodParsedInput } from '../../contract/methods';
import type { MethodSpec } from '../../contract/method-spec';
import type { SystemStatus } from '../../contract/schemas/system';
import type { Caller } from '../access/caller';
import type { CoreDeps } from '../records/context';
import type { IdentitySource } from './identity';
import type { SessionRegistry } from './sessions';

export interface HandlerCtx extends CoreDeps {
  readonly caller: Caller | null;
  readonly sessionId: string | null;
  readonly sessions: SessionRegistry;
  readonly identity: IdentitySource;
  /** Counts in it are the caller's (core/access/policy). */
  readonly systemStatus: (caller: Caller | null) => Promise<SystemStatus>;
}

export type Handler<M extends MethodName> = (ctx: HandlerCtx, input: MethodParsedInput<M>) => Promise<MethodOutput<M>>;

/** The handlers of one area's method table; feature folders export one of these, the host merges them. */
export type HandlersFor<T extends Record<string, MethodSpec>> = { [M in keyof T & MethodName]: Handler<M> };

export type Handlers = { [M in MethodName]: Handler<M> };
