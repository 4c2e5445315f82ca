import { AppError } from '../../contract/app-error';
import type { Caller } from '../access/caller';
import { applyDirectoryGrants } from '../access/role-mapping';
import { auditForObject, verifyAuditChain } from '../audit/audit-log';
import { listAktenplan } from '../records/aktenplan';
import { createAkte, createVorgang, getAkte, listAkten, markZda, reopenAkte, setLegalHold } from '../records/akten';
import { deleteDocument, updateDocumentMetadata } from '../records/document-edits';
import { fileDocument, getDocument, listDocuments, listPosteingang, loadVisibleDocument } from '../records/documents';
import { listUsers, resolveCaller, toUser } from '../records/users';
import {
  completeWiedervorlage,
  createWiedervorlage,
  getWiedervorlage,
  listWiedervorlagen,
} from '../records/wiedervorlagen';
import { searchDocuments } from '../search/search';
import type { coreMethods } from '../../contract/methods/core';
import type { HandlerCtx, HandlersFor } from './handler-types';

/** Dispatch checked the permission; this narrows the type for handlers that need a caller. */
export const who = (ctx: HandlerCtx): HandlerCtx & { caller: Caller } => {
  if (!ctx.caller) throw new AppError('auth.not_logged_in', {}, 'no caller');
  return ctx as HandlerCtx & { caller: Caller };
};

export const changed = (ctx: HandlerCtx, objectType: string, uuid: string) =>
  ctx.events.emit({ type: 'records.changed', objectType, uuid });

export const coreHandlers: HandlersFor<typeof coreMethods> = {
  'session.login': async (ctx, { username }) => {
    const name = ctx.identity.authenticate(username);
    if (ctx.identity.directoryGrants) {
      // Roles come from the directory: stored (and audited) first, so the caller below has them.
      const grants = ctx.identity.directoryGrants(name);
      await applyDirectoryGrants(ctx, name, grants);
      if (grants.length === 0) throw new AppError('access.denied', {}, 'no directory group grants a role');
    }
    const caller = await resolveCaller(ctx.store.reader, name);
    const sessionId = ctx.sessions.open(caller.username);
    ctx.logger.info('login', { user: caller.uuid });
    return { sessionId, user: toUser(caller) };
  },
  'session.logout': async (ctx) => {
    if (ctx.sessionId) ctx.sessions.close(ctx.sessionId);
    return { ok: true };
  },
  'session.current': async (ctx) => toUser(who(ctx).caller),
  'session.loginOptions': async (ctx) => ({
    demo: ctx.identity.demo,
    users: ctx.identity.demo ? await listUsers(ctx.store.reader) : [],
  }),
  'system.status': (ctx) => ctx.systemStatus(ctx.caller),

  'aemter.list': async (ctx) =>
    (await ctx.store.reader.all<{ id: string; name: string; behoerdenkennung: string | null }>('SELECT * FROM amt ORDER BY id')).map(
      (r) => ({ id: r.id, name: r.name, behoerdenkennung: r.behoerdenkennung }),
    ),
  'aktenplan.tree': (ctx, input) => listAktenplan(ctx.store.reader, input.amtId),

  'akten.list': (ctx, input) => listAkten(ctx.store.reader, who(ctx).caller, input),
  'akten.get': (ctx, { uuid }) => getAkte(ctx.store.reader, who(ctx).caller, uuid),
  'akten.create': async (ctx, input) => {
    const c = who(ctx);
    const { uuid } = await ctx.store.write((tx) => createAkte(tx, c, input));
    changed(ctx, 'akte', uuid);
    return getAkte(ctx.store.reader, c.caller, uuid);
  },
  'akten.markZda': async (ctx, { uuid }) => {
    const c = who(ctx);
    await ctx.store.write((tx) => markZda(tx, c, uuid));
    changed(ctx, 'akte', uuid);
    return getAkte(ctx.store.reader, c.caller, uuid);
  },
  'akten.reopen': async (ctx, { uuid, reason }) => {
    const c = who(ctx);
    await ctx.store.write((tx) => reopenAkte(tx, c, uuid, reason));
    changed(ctx, 'akte', uuid);
    return getAkte(ctx.store.reader, c.caller, uuid);
  },
  'akten.setLegalHold': async (ctx, { uuid, reason }) => {
    const c = who(ctx);
    await ctx.store.write((tx) => setLegalHold(tx, c, uuid, { set: true, reason }));
    changed(ctx, 'akte', uuid);
    return getAkte(ctx.store.reader, c.caller, uuid);
  },
  'akten.liftLegalHold': async (ctx, { uuid, reason }) => {
    const c = who(ctx);
    await ctx.store.write((tx) => setLegalHold(tx, c, uuid, { set: false, reason }));
    changed(ctx, 'akte', uuid);
    return getAkte(ctx.store.reader, c.caller, uuid);
  },
  'vorgaenge.create': async (ctx, { akteUuid, title }) => {
    const c = who(ctx);
    const { uuid } = await ctx.store.write((tx) => createVorgang(tx, c, akteUuid, title));
    changed(ctx, 'vorgang', uuid);
    const akte = await getAkte(ctx.store.reader, c.caller, akteUuid);
    const vorgang = akte.vorgaenge.find((v) => v.uuid === uuid);
    if (!vorgang) throw new Error('created vorgang not readable');
    return vorgang;
  },

  'documents.list': (ctx, input) => listDocuments(ctx.store.reader, who(ctx).caller, input),
  'documents.get': (ctx, { uuid }) => getDocument(ctx.store.reader, who(ctx).caller, uuid),
  'documents.file': async (ctx, { uuid, vorgangUuid }) => {
    const c = who(ctx);
    await ctx.store.write((tx) => fileDocument(tx, c, uuid, vorgangUuid));
    changed(ctx, 'document', uuid);
    return getDocument(ctx.store.reader, c.caller, uuid);
  },
  'documents.update': async (ctx, { uuid, ...change }) => {
    const c = who(ctx);
    await ctx.store.write((tx) => updateDocumentMetadata(tx, c, uuid, change));
    changed(ctx, 'document', uuid);
    return getDocument(ctx.store.reader, c.caller, uuid);
  },
  'documents.delete': async (ctx, { uuid }) => {
    const c = who(ctx);
    await ctx.store.write((tx) => deleteDocument(tx, c, uuid));
    changed(ctx, 'document', uuid);
    return { ok: true };
  },
  'posteingang.list': (ctx, input) => listPosteingang(ctx.store.reader, who(ctx).caller, input),

  'wiedervorlagen.list': (ctx, input) => listWiedervorlagen(ctx.store.reader, who(ctx).caller, input),
  'wiedervorlagen.create': async (ctx, input) => {
    const c = who(ctx);
    const uuid = await ctx.store.write((tx) => createWiedervorlage(tx, c, input));
    changed(ctx, 'wiedervorlage', uuid);
    return getWiedervorlage(ctx.store.reader, uuid);
  },
  'wiedervorlagen.complete': async (ctx, { uuid }) => {
    const c = who(ctx);
    await ctx.store.write((tx) => completeWiedervorlage(tx, c, uuid));
    changed(ctx, 'wiedervorlage', uuid);
    return getWiedervorlage(ctx.store.reader, uuid);
  },

  'search.query': (ctx, input) => searchDocuments(ctx.store.reader, who(ctx).caller, input),

  'audit.verify': (ctx) => verifyAuditChain(ctx.store.reader),
  'audit.forObject': async (ctx, { uuid }) => {
    const { caller } = who(ctx);
    // The trail of an object is shown only to those who may see the object itself.
    const akte = await ctx.store.reader.get<{ uuid: string }>('SELECT uuid FROM akte WHERE uuid = ?', [uuid]);
    if (akte) await getAkte(ctx.store.reader, caller, uuid);
    else await loadVisibleDocument(ctx.store.reader, caller, uuid);
    return auditForObject(ctx.store.reader, uuid);
  },
};
