import type { workspaceMethods } from '../../contract/methods/workspace';
import { changed, who } from '../api/handlers';
import type { HandlersFor } from '../api/handler-types';
import { assignAmt, forwardToAmt, moveDocument } from './case-work';
import { getDocument } from './documents';
import { removeUpload, uploadPath } from '../store/uploads';
import { storeVersionFile } from './version-file';
import { addDocumentVersion, loadWritableDocument } from './versions';
import { decideMitzeichnung, getMitzeichnung, listColleagues, listMitzeichnungen, requestMitzeichnung } from './mitzeichnungen';
import { deleteSavedSearch, listSavedSearches, saveSearch } from './saved-searches';

export const workspaceHandlers: HandlersFor<typeof workspaceMethods> = {
  'documents.move': async (ctx, { uuid, vorgangUuid }) => {
    const c = who(ctx);
    await ctx.store.write((tx) => moveDocument(tx, c, uuid, vorgangUuid));
    changed(ctx, 'document', uuid);
    return getDocument(ctx.store.reader, c.caller, uuid);
  },
  'documents.addVersion': async (ctx, { uuid, path, upload }) => {
    const c = who(ctx);
    // Refused before a byte is stored when the document is not the caller's to change (zdA, other Amt).
    await loadWritableDocument(ctx.store.reader, c, uuid);
    const file = await storeVersionFile(ctx.store, upload ? await uploadPath(ctx.store.dataDir, upload, c.caller.username) : path!);
    await ctx.store.write((tx) => addDocumentVersion(tx, c, uuid, file));
    // Stored means the blob store holds the content; an upload that failed stays for another try.
    if (upload) await removeUpload(ctx.store.dataDir, upload);
    changed(ctx, 'document', uuid);
    return getDocument(ctx.store.reader, c.caller, uuid);
  },
  'posteingang.assignAmt': async (ctx, { uuid, amtId }) => {
    const c = who(ctx);
    await ctx.store.write((tx) => assignAmt(tx, c, uuid, amtId));
    changed(ctx, 'document', uuid);
    return getDocument(ctx.store.reader, c.caller, uuid);
  },
  'posteingang.forward': async (ctx, { uuid, amtId, reason }) => {
    await ctx.store.write((tx) => forwardToAmt(tx, who(ctx), uuid, amtId, reason));
    changed(ctx, 'document', uuid);
    return { ok: true } as const;
  },

  'colleagues.list': (ctx) => listColleagues(ctx.store.reader, who(ctx).caller),
  'mitzeichnungen.request': async (ctx, input) => {
    const c = who(ctx);
    const uuid = await ctx.store.write((tx) => requestMitzeichnung(tx, c, input));
    changed(ctx, 'mitzeichnung', uuid);
    return getMitzeichnung(ctx.store.reader, uuid);
  },
  'mitzeichnungen.list': (ctx, input) => listMitzeichnungen(ctx.store.reader, who(ctx).caller, input),
  'mitzeichnungen.decide': async (ctx, input) => {
    const c = who(ctx);
    await ctx.store.write((tx) => decideMitzeichnung(tx, c, input));
    changed(ctx, 'mitzeichnung', input.uuid);
    return getMitzeichnung(ctx.store.reader, input.uuid);
  },

  'savedSearches.list': (ctx) => listSavedSearches(ctx.store.reader, who(ctx).caller),
  'savedSearches.save': (ctx, input) => {
    const c = who(ctx);
    return ctx.store.write((tx) => saveSearch(tx, c, input));
  },
  'savedSearches.delete': async (ctx, { uuid }) => {
    const c = who(ctx);
    await ctx.store.write((tx) => deleteSavedSearch(tx, c, uuid));
    return { ok: true };
  },
};
