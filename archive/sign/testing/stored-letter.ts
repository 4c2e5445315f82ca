/** Puts a PDF into a store as a filed letter of an open Akte of one Amt, for API and UI tests of signing. */
import type { CoreDeps } from '../../../core/records/context';
import { createIncomingDocument } from '../../../core/records/documents';
import { resolveCaller } from '../../../core/records/users';
import { addDocumentVersion } from '../../../core/records/versions';

export async function storeLetter(
  deps: CoreDeps,
  opts: { username: string; amtId: string; pdf: Uint8Array; title?: string },
): Promise<{ documentUuid: string; versionUuid: string }> {
  const ctx = { ...deps, caller: await resolveCaller(deps.store.reader, opts.username) };
  const vorgang = await deps.store.reader.get<{ uuid: string }>(
    `SELECT v.uuid FROM vorgang v JOIN akte a ON a.id = v.akte_id WHERE a.amt_id = ? AND a.status = 'open' ORDER BY v.id LIMIT 1`,
    [opts.amtId],
  );
  const blob = await deps.store.blobs.put(opts.pdf);
  const { uuid } = await deps.store.write((tx) =>
    createIncomingDocument(tx, ctx, {
      posteingang: { channel: 'papier', sender: 'Stadt Musterstadt', receivedAt: deps.clock.now().toISOString() },
      title: opts.title ?? 'Bescheid',
      amtId: opts.amtId,
      file: { blob, fileName: 'bescheid.pdf', mimeType: 'application/pdf' },
      text: opts.title ?? 'Bescheid',
      vorgangUuid: vorgang!.uuid,
    }),
  );
  const version = await deps.store.reader.get<{ uuid: string }>(
    'SELECT dv.uuid FROM document_version dv JOIN document d ON d.id = dv.document_id WHERE d.uuid = ?',
    [uuid],
  );
  return { documentUuid: uuid, versionUuid: version!.uuid };
}

/** Adds bytes as the next version of a document, as the given user. */
export async function storeVersion(deps: CoreDeps, username: string, documentUuid: string, pdf: Uint8Array): Promise<string> {
  const ctx = { ...deps, caller: await resolveCaller(deps.store.reader, username) };
  const blob = await deps.store.blobs.put(pdf);
  const { versionUuid } = await deps.store.write((tx) => addDocumentVersion(tx, ctx, documentUuid, { blob, fileName: 'bescheid.pdf', mimeType: 'application/pdf' }));
  return versionUuid;
}
