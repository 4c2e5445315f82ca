import { z } from 'zod';
import { Empty, Ok, Page, Uuid, IsoDate, AmtId, listOf } from '../schemas/common';
import { Amt, Session, User } from '../schemas/identity';
import {
  Akte,
  AkteStatus,
  AkteSummary,
  AktenplanEntry,
  DocumentDetail,
  DocumentSummary,
  Person,
  Vorgang,
  Wiedervorlage,
} from '../schemas/records';
import { SearchFilters, SearchResult } from '../schemas/search';
import { AuditEntry, AuditVerification } from '../schemas/audit';
import { SystemStatus } from '../schemas/system';
import { method, type MethodSpec } from '../method-spec';

export const Text = (max: number) => z.string().trim().min(1).max(max);

/** The foundation's methods: login, records, search, audit. */
export const coreMethods = {
  'session.login': method({
    kind: 'command',
    input: z.object({ username: Text(64) }),
    output: Session,
    permission: 'public',
  }),
  'session.logout': method({ kind: 'command', input: Empty, output: Ok, permission: 'session' }),
  'session.current': method({ kind: 'query', input: Empty, output: User, permission: 'session' }),
  'session.loginOptions': method({
    kind: 'query',
    input: Empty,
    output: z.object({ demo: z.boolean(), users: z.array(User) }),
    permission: 'public',
  }),
  'system.status': method({ kind: 'query', input: Empty, output: SystemStatus, permission: 'public' }),

  'aemter.list': method({ kind: 'query', input: Empty, output: z.array(Amt), permission: 'session' }),
  'aktenplan.tree': method({
    kind: 'query',
    input: z.object({ amtId: AmtId.optional() }),
    output: z.array(AktenplanEntry),
    permission: 'session',
  }),

  'akten.list': method({
    kind: 'query',
    input: Page.extend({
      aktenplanEntryUuid: Uuid.optional(),
      /** With aktenplanEntryUuid: also the Akten under every position below it (a group shows its leaves' Akten). */
      includeSubEntries: z.boolean().default(false),
      /** "Meine Akten": those the caller owns (created or took over). */
      mine: z.boolean().default(false),
      amtId: AmtId.optional(),
      status: AkteStatus.optional(),
      text: z.string().max(200).optional(),
    }),
    output: listOf(AkteSummary),
    permission: 'records.read',
  }),
  'akten.get': method({ kind: 'query', input: z.object({ uuid: Uuid }), output: Akte, permission: 'records.read' }),
  'akten.create': method({
    kind: 'command',
    input: z.object({
      aktenplanEntryUuid: Uuid,
      title: Text(300),
      persons: z.array(Person).max(50).default([]),
      firstVorgangTitle: Text(300).optional(),
    }),
    output: Akte,
    permission: 'records.write',
  }),
  'akten.markZda': method({
    kind: 'command',
    input: z.object({ uuid: Uuid }),
    output: Akte,
    permission: 'records.write',
  }),
  'akten.reopen': method({
    kind: 'command',
    input: z.object({ uuid: Uuid, reason: Text(1000) }),
    output: Akte,
    permission: 'records.write',
  }),
  'akten.setLegalHold': method({
    kind: 'command',
    input: z.object({ uuid: Uuid, reason: Text(1000) }),
    output: Akte,
    permission: 'records.write',
  }),
  'akten.liftLegalHold': method({
    kind: 'command',
    input: z.object({ uuid: Uuid, reason: Text(1000) }),
    output: Akte,
    permission: 'records.write',
  }),
  'vorgaenge.create': method({
    kind: 'command',
    input: z.object({ akteUuid: Uuid, title: Text(300) }),
    output: Vorgang,
    permission: 'records.write',
  }),

  'documents.list': method({
    kind: 'query',
    input: Page.extend({ akteUuid: Uuid.optional(), vorgangUuid: Uuid.optional() }),
    output: listOf(DocumentSummary),
    permission: 'records.read',
  }),
  'documents.get': method({
    kind: 'query',
    input: z.object({ uuid: Uuid }),
    output: DocumentDetail,
    permission: 'records.read',
  }),
  'documents.file': method({
    kind: 'command',
    input: z.object({ uuid: Uuid, vorgangUuid: Uuid }),
    output: DocumentDetail,
    permission: 'records.write',
  }),

  /** Metadata of a document; fields left out stay, null clears. The DMS learns it through the outbox. */
  'documents.update': method({
    kind: 'command',
    input: z
      .object({
        uuid: Uuid,
        title: Text(300).optional(),
        docType: z.string().trim().max(100).nullable().optional(),
        sender: z.string().trim().max(300).nullable().optional(),
        documentDate: IsoDate.nullable().optional(),
      })
      .refine((v) => v.title !== undefined || v.docType !== undefined || v.sender !== undefined || v.documentDate !== undefined, {
        message: 'mindestens ein Feld angeben',
      }),
    output: DocumentDetail,
    permission: 'records.write',
  }),
  'documents.delete': method({
    kind: 'command',
    input: z.object({ uuid: Uuid }),
    output: Ok,
    permission: 'records.write',
  }),

  'posteingang.list': method({
    kind: 'query',
    input: Page.extend({ amtId: AmtId.optional() }),
    output: listOf(DocumentSummary),
    permission: 'posteingang.read',
  }),

  'wiedervorlagen.list': method({
    kind: 'query',
    input: z.object({ dueUntil: IsoDate.optional(), includeDone: z.boolean().default(false) }),
    output: z.array(Wiedervorlage),
    permission: 'records.read',
  }),
  'wiedervorlagen.create': method({
    kind: 'command',
    input: z
      .object({
        akteUuid: Uuid.optional(),
        documentUuid: Uuid.optional(),
        dueDate: IsoDate,
        note: z.string().max(2000).default(''),
      })
      .refine((v) => (v.akteUuid ? 1 : 0) + (v.documentUuid ? 1 : 0) === 1, {
        message: 'genau eine Akte oder ein Dokument angeben',
      }),
    output: Wiedervorlage,
    permission: 'records.write',
  }),
  'wiedervorlagen.complete': method({
    kind: 'command',
    input: z.object({ uuid: Uuid }),
    output: Wiedervorlage,
    permission: 'records.write',
  }),

  'search.query': method({
    kind: 'query',
    input: z.object({
      q: z.string().max(500),
      filters: SearchFilters.default({}),
      limit: z.number().int().min(1).max(200).default(25),
      offset: z.number().int().min(0).max(10_000).default(0),
    }),
    output: SearchResult,
    permission: 'session',
  }),

  'audit.verify': method({ kind: 'query', input: Empty, output: AuditVerification, permission: 'audit.read' }),
  'audit.forObject': method({
    kind: 'query',
    input: z.object({ uuid: Uuid }),
    output: z.array(AuditEntry),
    permission: 'records.read',
  }),
} as const satisfies Record<string, MethodSpec>;

