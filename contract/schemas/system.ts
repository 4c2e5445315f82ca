import { z } from 'zod';
import { IsoDateTime } from './common';

export const SyncState = z.enum(['offline', 'online', 'syncing', 'error', 'not_configured']);

export const SystemStatus = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser', 'cli']),
  demo: z.boolean(),
  sync: z.object({
    state: SyncState,
    pendingOperations: z.number().int(),
    lastSuccessAt: IsoDateTime.nullable(),
  }),
});
export type SystemStatus = z.infer<typeof SystemStatus>;
