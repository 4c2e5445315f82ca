import { z } from 'zod';
import { Uuid } from '../schemas/common';
import { method, type MethodSpec } from '../method-spec';

/** A rectangle on a page in PDF points, origin bottom left (as PDF and the OCR word sidecar use). */
export const PageBox = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
export type PageBox = z.infer<typeof PageBox>;

export const PageHits = z.object({
  /** 1-based page number of the stored file. */
  page: z.number().int().positive(),
  width: z.number().positive(),
  height: z.number().positive(),
  boxes: z.array(PageBox),
});
export type PageHits = z.infer<typeof PageHits>;

/** The document viewer's methods. */
export const viewerMethods = {
  /**
   * Where the words of a search query sit on the pages of a stored version, from the word boxes intake
   * kept (OCR or the PDF's text). `source: 'none'` when the version has no word boxes: the viewer then
   * finds the words in the PDF's own text layer.
   */
  'documents.locateHits': method({
    kind: 'query',
    input: z.object({ versionUuid: Uuid, q: z.string().max(500) }),
    output: z.object({ source: z.enum(['words', 'none']), pages: z.array(PageHits) }),
    permission: 'records.read',
  }),
} as const satisfies Record<string, MethodSpec>;
