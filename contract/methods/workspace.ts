import { z } from 'zod';
import { AmtId, Empty, Ok, Uuid } from '../schemas/common';
import { DocumentDetail } from '../schemas/records';
import { SearchFilters } from '../schemas/search';
import { Colleague, Mitzeichnung, MitzeichnungStatus, SavedSearch } from '../schemas/workspace';
import { method, type MethodSpec } from '../method-spec';
import { Text } from './core';
import { ReadPath } from '../fs-paths';

/** The clerk's case work beyond the foundation: moving documents, Mitzeichnung, saved searches, hand-over to an Amt. */
export const workspaceMethods = {
  'documents.move': method({
    kind: 'command',
    input: z.object({ uuid: Uuid, vorgangUuid: Uuid }),
    output: DocumentDetail,
    permission: 'records.write',
  }),
  /**
   * A new version's content from a file the clerk chose: its path under Electron, or an upload staged
   * with `PUT /files/upload` in browser mode. PDF or image; earlier versions stay unchanged.
   */
  'documents.addVersion': method({
    kind: 'command',
    input: z
      .object({ uuid: Uuid, path: ReadPath.optional(), upload: Uuid.optional() })
      .refine((v) => (v.path === undefined) !== (v.upload === undefined), { message: 'Datei angeben (path oder upload)' }),
    output: DocumentDetail,
    permission: 'records.write',
  }),
  'posteingang.assignAmt': method({
    kind: 'command',
    input: z.object({ uuid: Uuid, amtId: AmtId }),
    output: DocumentDetail,
    permission: 'posteingang.write',
  }),
  /** A clerk passes a letter that reached the wrong Amt on; afterwards it is out of the clerk's sight. */
  'posteingang.forward': method({
    kind: 'command',
    input: z.object({ uuid: Uuid, amtId: AmtId, reason: Text(1000) }),
    output: Ok,
    permission: 'records.write',
  }),

  'colleagues.list': method({ kind: 'query', input: Empty, output: z.array(Colleague), permission: 'records.read' }),
  'mitzeichnungen.request': method({
    kind: 'command',
    input: z.object({ documentUuid: Uuid, addresseeUuid: Uuid, note: z.string().trim().max(2000).default('') }),
    output: Mitzeichnung,
    permission: 'records.write',
  }),
  'mitzeichnungen.list': method({
    kind: 'query',
    input: z
      .object({
        /** Addressed to me, asked by me, or all on one document (never all of an Amt: no per-person overview). */
        scope: z.enum(['mine', 'requested', 'document']).default('mine'),
        documentUuid: Uuid.optional(),
        status: MitzeichnungStatus.optional(),
      })
      .refine((v) => v.scope !== 'document' || v.documentUuid, { message: 'Dokument angeben' }),
    output: z.array(Mitzeichnung),
    permission: 'records.read',
  }),
  'mitzeichnungen.decide': method({
    kind: 'command',
    input: z.object({
      uuid: Uuid,
      decision: z.enum(['mitgezeichnet', 'abgelehnt']),
      comment: z.string().trim().max(2000).default(''),
    }),
    output: Mitzeichnung,
    permission: 'records.write',
  }),

  'savedSearches.list': method({ kind: 'query', input: Empty, output: z.array(SavedSearch), permission: 'session' }),
  'savedSearches.save': method({
    kind: 'command',
    input: z.object({ name: Text(100), q: z.string().max(500), filters: SearchFilters.default({}) }),
    output: SavedSearch,
    permission: 'session',
  }),
  'savedSearches.delete': method({ kind: 'command', input: z.object({ uuid: Uuid }), output: Ok, permission: 'session' }),
} as const satisfies Record<string, MethodSpec>;
