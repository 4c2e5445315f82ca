import { createHash } from 'node:crypto';
import { AppError } from '../../contract/app-error';
import type { casePdfMethods } from '../../contract/methods/case-pdf';
import { changed, who } from '../../core/api/handlers';
import type { HandlersFor } from '../../core/api/handler-types';
import { localDate } from '../../core/platform/clock';
import { loadWritableAkte } from '../../core/records/akten';
import { collectAkteneinsicht, recordAkteneinsicht } from '../../core/records/akteneinsicht';
import { createIncomingDocument, getDocument } from '../../core/records/documents';
import { buildAkteneinsichtPdf } from './akteneinsicht-pdf';
import { renderVermerkPdf } from './vermerk-pdf';

/** File names keep the Aktenzeichen readable but carry no path separators. */
const safeName = (s: string) => s.replace(/[^\w.-]+/g, '_');

export const casePdfHandlers: HandlersFor<typeof casePdfMethods> = {
  'vermerke.create': async (ctx, input) => {
    const c = who(ctx);
    const v = await ctx.store.reader.get<{ aktenzeichen: string; akte_uuid: string }>(
      'SELECT v.aktenzeichen, a.uuid AS akte_uuid FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE v.uuid = ?',
      [input.vorgangUuid],
    );
    if (!v) throw new AppError('records.not_found', { kind: 'Der Vorgang' }, 'vorgang not found');
    // Checked before rendering so a closed or foreign Akte costs no PDF; the write checks again.
    const akte = await loadWritableAkte(ctx.store.reader, c.caller, v.akte_uuid);
    const at = ctx.clock.now();
    const pdf = await renderVermerkPdf({
      title: input.title,
      text: input.text,
      aktenzeichen: v.aktenzeichen,
      author: c.caller.displayName,
      at,
      documentId: ctx.ids.uuid(),
    });
    const blob = await ctx.store.blobs.put(pdf);
    const { uuid } = await ctx.store.write((tx) =>
      createIncomingDocument(tx, c, {
        posteingang: null,
        title: input.title,
        docType: 'Vermerk',
        sender: c.caller.displayName,
        documentDate: localDate(at),
        amtId: akte.amt_id,
        file: { blob, fileName: `Vermerk-${safeName(v.aktenzeichen)}.pdf`, mimeType: 'application/pdf' },
        text: `${input.title}\n${input.text}`,
        vorgangUuid: input.vorgangUuid,
      }),
    );
    changed(ctx, 'document', uuid);
    return getDocument(ctx.store.reader, c.caller, uuid);
  },

  'akteneinsicht.export': async (ctx, input) => {
    const c = who(ctx);
    const { akte, documents } = await collectAkteneinsicht(
      ctx.store.reader,
      c.caller,
      input.akteUuid,
      input.documentUuids,
    );
    const parts = [];
    for (const d of documents) {
      parts.push({
        title: d.title,
        vorgangAktenzeichen: d.vorgangAktenzeichen,
        date: d.date,
        mimeType: d.mimeType,
        bytes: await ctx.store.blobs.read(d.blobHash),
      });
    }
    const { bytes, pageCount } = await buildAkteneinsichtPdf(
      { aktenzeichen: akte.aktenzeichen, akteTitle: akte.title, at: ctx.clock.now() },
      parts,
    );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await ctx.store.write((tx) => recordAkteneinsicht(tx, c, akte, documents, { sha256, pages: pageCount }));
    ctx.logger.info('akteneinsicht exported', {
      akte: akte.uuid,
      documents: documents.length,
      pages: pageCount,
    });
    return {
      fileName: `Akteneinsicht-${safeName(akte.aktenzeichen)}.pdf`,
      base64: Buffer.from(bytes).toString('base64'),
      pageCount,
      documentCount: documents.length,
    };
  },
};
