import { z } from 'zod';
import { method, type MethodSpec } from '../method-spec';
import { Empty, IsoDateTime, Sha256Hex, Uuid } from '../schemas/common';
import { SystemStatus } from '../schemas/system';

/** Sync with the central DMS: status, a run on demand, per-object state for badges, conflicts. */
export const SyncDetails = SystemStatus.shape.sync.extend({
  failedOperations: z.number().int(),
  openConflicts: z.number().int(),
  lastAttemptAt: IsoDateTime.nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), retryable: z.boolean(), at: IsoDateTime }).nullable(),
  nextRetryAt: IsoDateTime.nullable(),
});
export type SyncDetails = z.infer<typeof SyncDetails>;

export const ObjectSyncState = z.enum(['synced', 'pending', 'conflict', 'error', 'local_only']);
export type ObjectSyncState = z.infer<typeof ObjectSyncState>;

export const ConflictResolution = z.enum(['keep_local', 'keep_remote', 'keep_both']);
export type ConflictResolution = z.infer<typeof ConflictResolution>;

const ConflictSide = z.object({
  exists: z.boolean(),
  title: z.string().nullable(),
  versionCount: z.number().int(),
  latestSha256: Sha256Hex.nullable(),
});

export const SyncConflict = z.object({
  uuid: Uuid,
  objectType: z.string(),
  objectUuid: Uuid,
  kind: z.enum(['edit_edit', 'local_edit_remote_delete', 'local_delete_remote_edit']),
  detectedAt: IsoDateTime,
  local: ConflictSide,
  remote: ConflictSide,
  resolution: ConflictResolution.nullable(),
  resolvedAt: IsoDateTime.nullable(),
  /** Set by keep_both: the new document holding the local side. */
  copyUuid: Uuid.nullable(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

export const syncMethods = {
  'sync.status': method({ kind: 'query', input: Empty, output: SyncDetails, permission: 'session' }),
  'sync.run': method({
    kind: 'command',
    input: z.object({ retryFailed: z.boolean().default(false) }),
    output: z.object({ ok: z.boolean(), pushed: z.number().int(), conflicts: z.number().int(), errorCode: z.string().nullable(), status: SyncDetails }),
    permission: 'session',
  }),
  'sync.objectStates': method({
    kind: 'query',
    input: z.object({ uuids: z.array(Uuid).min(1).max(500) }),
    output: z.array(z.object({ uuid: Uuid, state: ObjectSyncState, pendingOperations: z.number().int(), lastSyncedAt: IsoDateTime.nullable() })),
    permission: 'session',
  }),
  'sync.listConflicts': method({
    kind: 'query',
    input: z.object({ includeResolved: z.boolean().default(false) }),
    output: z.array(SyncConflict),
    permission: 'records.read',
  }),
  'sync.resolveConflict': method({
    kind: 'command',
    input: z.object({ uuid: Uuid, resolution: ConflictResolution }),
    output: SyncConflict,
    permission: 'records.write',
  }),
} as const satisfies Record<string, MethodSpec>;
