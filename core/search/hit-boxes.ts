import { z } from 'zod';
import { AppError } from '../../contract/app-error';
import type { MethodOutput } from '../../contract/methods';
import type { PageHits } from '../../contract/methods/viewer';
import type { Caller } from '../access/caller';
import { loadVisibleDocument } from '../records/documents';
import type { CoreDeps } from '../records/context';
import { prefixMatcher, wordSpans } from '../../contract/text-match';

/** The word sidecar intake stores per version (ocr/pipeline/stages/assemble.ts), read defensively. */
const WordsSidecar = z.object({
  version: z.literal(1),
  pages: z.array(
    z.object({
      page: z.number().int().positive(),
      width: z.number().positive(),
      height: z.number().positive(),
      words: z.array(z.object({ text: z.string(), x: z.number(), y: z.number(), w: z.number(), h: z.number() })),
    }),
  ),
});
type WordsSidecar = z.infer<typeof WordsSidecar>;

/** A word is a hit when one of its tokens starts with a query word: the rule of search and snippets. */
export function matchWordBoxes(sidecar: WordsSidecar, query: string): PageHits[] {
  const matches = prefixMatcher(query);
  const isHit = (text: string) => wordSpans(text).some((s) => matches(s.word));
  return sidecar.pages
    .map((p) => ({
      page: p.page,
      width: p.width,
      height: p.height,
      boxes: p.words.filter((w) => isHit(w.text)).map(({ x, y, w, h }) => ({ x, y, w, h })),
    }))
    .filter((p) => p.boxes.length > 0);
}

/**
 * Hit boxes of a query on one stored version, for callers who may see its document. A sidecar that
 * cannot be read is logged and treated as absent: the viewer still finds words in the PDF's text layer.
 */
export async function locateHits(
  deps: CoreDeps,
  caller: Caller,
  versionUuid: string,
  query: string,
): Promise<MethodOutput<'documents.locateHits'>> {
  const q = deps.store.reader;
  const version = await q.get<{ document_uuid: string; blob_hash: string | null }>(
    `SELECT d.uuid AS document_uuid, s.blob_hash FROM document_version v JOIN document d ON d.id = v.document_id
     LEFT JOIN document_version_sidecar s ON s.version_id = v.id AND s.kind = 'ocr-words' WHERE v.uuid = ?`,
    [versionUuid],
  );
  if (!version) throw new AppError('records.not_found', { kind: 'Die Version' }, `version ${versionUuid} not found`);
  await loadVisibleDocument(q, caller, version.document_uuid);
  if (!version.blob_hash) return { source: 'none', pages: [] };
  try {
    const sidecar = WordsSidecar.parse(JSON.parse((await deps.store.blobs.read(version.blob_hash)).toString('utf8')));
    return { source: 'words', pages: matchWordBoxes(sidecar, query) };
  } catch (err) {
    deps.logger.warn('word sidecar unreadable, hits come from the text layer', {
      version: versionUuid,
      error: err instanceof Error ? err.name : 'unknown',
    });
    return { source: 'none', pages: [] };
  }
}
