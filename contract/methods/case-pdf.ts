import { z } from 'zod';
import { Uuid } from '../schemas/common';
import { DocumentDetail } from '../schemas/records';
import { AkteneinsichtExport } from '../schemas/workspace';
import { method, type MethodSpec } from '../method-spec';
import { Text } from './core';

/** Case work that renders PDFs (loaded on first use): Vermerk as a document, export for Akteneinsicht. */
export const casePdfMethods = {
  'vermerke.create': method({
    kind: 'command',
    input: z.object({ vorgangUuid: Uuid, title: Text(300), text: Text(20_000) }),
    output: DocumentDetail,
    permission: 'records.write',
  }),
  'akteneinsicht.export': method({
    kind: 'command',
    input: z.object({
      akteUuid: Uuid,
      /** A selection of the Akte's documents in this order; absent: the whole Akte. */
      documentUuids: z.array(Uuid).min(1).max(500).optional(),
    }),
    output: AkteneinsichtExport,
    permission: 'records.read',
  }),
} as const satisfies Record<string, MethodSpec>;
