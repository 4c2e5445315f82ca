import { z } from 'zod';
import { SystemStatus } from './schemas/system';

/** Events pushed from the core to front ends (SSE in browser mode, IPC in Electron). */
export const AppEvent = z.discriminatedUnion('type', [
  // No counts: they depend on who asks (system.status and sync.status give each caller theirs).
  z.object({ type: z.literal('sync.status'), status: SystemStatus.shape.sync.omit({ pendingOperations: true }) }),
  z.object({ type: z.literal('records.changed'), objectType: z.string(), uuid: z.string() }),
  z.object({
    type: z.literal('job.progress'),
    jobId: z.string(),
    stage: z.string(),
    done: z.number(),
    total: z.number(),
  }),
]);
export type AppEvent = z.infer<typeof AppEvent>;
