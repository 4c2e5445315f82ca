import { isAppError } from '../../../contract/app-error';
import type { StageContext, TransformStage } from '../../../core/jobs';
import type { BlobStore } from '../../../core/store/blobs/blob-store';
import type { WordBox } from '../../raster';
import type { Assembled, DocumentPage, DocumentState } from '../model';
import type { IntakeTools, PdfMeta, PdfPage, Stamp } from '../tools';

/** Word boxes of one stored page, in PDF points (origin bottom left), for highlighting search hits. */
export interface WordsSidecar {
  readonly version: 1;
  readonly pages: readonly {
    readonly page: number;
    readonly width: number;
    readonly height: number;
    readonly words: readonly WordBox[];
  }[];
}

const wordsOf = (p: DocumentPage): readonly WordBox[] => p.ocr?.words ?? p.text?.words ?? [];
const textOf = (p: DocumentPage): string => p.ocr?.text ?? p.text?.text ?? '';
const pdfName = (fileName: string) => `${fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'Dokument'}.pdf`;

/** Received date as the city's calendar date, for the stamp and the metadata. */
const localDay = (iso: string) =>
  new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(iso));

async function pdfPages(
  ctx: StageContext,
  tools: IntakeTools,
  pages: readonly DocumentPage[],
): Promise<PdfPage[]> {
  return ctx.pool(pages, async (p) => {
    const kept = p.kept ?? { image: p.image, dpi: p.dpi };
    return { png: await ctx.readFile(kept.image), dpi: kept.dpi, words: wordsOf(p), skewCorrection: p.kept?.skew ?? 0 };
  });
}

/**
 * A PDF that already has text keeps its pages; when they cannot become PDF/A (e.g. fonts that are not
 * embedded), its rendered pages are stored as images under their own text instead.
 */
async function keptOrImages(
  ctx: StageContext,
  tools: IntakeTools,
  original: Uint8Array,
  pages: readonly DocumentPage[],
  meta: PdfMeta,
  stamp: Stamp | null,
): Promise<Uint8Array> {
  try {
    return await tools.keepPdfPages(
      original,
      pages.map((p) => p.index),
      meta,
      stamp,
    );
  } catch (err) {
    if (!isAppError(err) || err.code !== 'pdfa.not_conforming') throw err;
    ctx.logger.info('pdf pages cannot become PDF/A as they are, stored as images', {
      reason: err.logMessage.slice(0, 200),
    });
    return tools.imagesToPdfA(await pdfPages(ctx, tools, pages), meta, stamp);
  }
}

/**
 * One searchable PDF/A-2b per document: scans as their (upright) page images with an invisible text
 * layer on the word boxes; PDFs that already had text keep their pages. The Eingangsdatum goes into the
 * metadata, and optionally onto page 1 as a visible stamp. The file and the word boxes are put into the
 * blob store here (content-addressed, so a repeat stores nothing new); the commit only references them.
 */
export const assembleStage = (
  blobs: BlobStore,
  tools: IntakeTools,
): TransformStage<DocumentState, Assembled> => ({
  kind: 'transform',
  name: 'assemble',
  async run(state, ctx) {
    const { source, part } = state;
    const title = ctx.job.label;
    const received = localDay(source.posteingang.receivedAt);
    const { pages, ...rest } = state;
    const base = { state: { ...rest, pageCount: pages.length }, title };
    if (state.mode === 'file' && part.kind === 'mail') {
      return {
        ...base,
        file: { ...part.file, fileName: part.fileName, mimeType: 'message/rfc822' },
        words: null,
        text: [part.subject, source.posteingang.sender ?? '', part.text].join('\n').trim(),
        ocr: { performed: false, pagesRecognized: 0, meanConfidence: null },
        scan: { dpi: [], rotatedPages: [] },
      };
    }
    if (part.kind !== 'pages') throw new Error(`assemble got a ${part.kind} part`);
    const meta = {
      title,
      author: source.posteingang.sender ?? undefined,
      subject: `Posteingang, eingegangen am ${received}`,
      keywords: [
        `Eingangsdatum ${source.posteingang.receivedAt.slice(0, 10)}`,
        `Eingangskanal ${source.posteingang.channel}`,
      ],
      createdAt: ctx.clock.now(),
      documentId: ctx.job.identities.documentUuid,
    };
    const stamp = source.options.stamp
      ? { text: `Eingegangen ${received}`, receivedAt: source.posteingang.receivedAt }
      : null;
    const pdf =
      state.mode === 'keep-pdf'
        ? await keptOrImages(ctx, tools, await blobs.read(part.file.hash), pages, meta, stamp)
        : await tools.imagesToPdfA(await pdfPages(ctx, tools, pages), meta, stamp);
    const sidecar: WordsSidecar = {
      version: 1,
      pages: pages.map((p, i) => {
        const k = p.kept;
        const size = k ? { width: (k.widthPx * 72) / k.dpi.x, height: (k.heightPx * 72) / k.dpi.y } : p.size;
        return { page: i + 1, ...size, words: wordsOf(p) };
      }),
    };
    const recognized = pages.filter((p) => p.ocr);
    const file = await blobs.put(pdf);
    return {
      ...base,
      file: { ...file, fileName: pdfName(part.fileName), mimeType: 'application/pdf' },
      words: await blobs.put(Buffer.from(JSON.stringify(sidecar), 'utf8')),
      text: pages.map(textOf).join('\n\n').trim(),
      ocr: {
        performed: recognized.length > 0,
        pagesRecognized: recognized.length,
        meanConfidence: recognized.length
          ? Math.round(
              (recognized.reduce((s, p) => s + (p.ocr?.confidence ?? 0), 0) / recognized.length) * 10,
            ) / 10
          : null,
      },
      scan: {
        dpi: [...new Set(pages.map((p) => Math.round(p.kept?.dpi.x ?? p.dpi.x)))],
        rotatedPages: pages.filter((p) => p.kept?.rotation).map((p) => p.index + 1),
      },
    };
  },
});
