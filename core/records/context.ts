import type { Caller } from '../access/caller';
import type { AdminSettingsSource } from '../platform/admin-settings';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/event-bus';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import type { Store } from '../store/store';

/** What every service needs; built once in host/createApp and passed down. */
export interface CoreDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly events: EventBus;
  /** The machine-wide config's DMS, TSA and trust store, read again on every call. */
  readonly admin: AdminSettingsSource;
}

export interface CallCtx extends CoreDeps {
  readonly caller: Caller;
}
