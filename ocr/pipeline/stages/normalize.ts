import { AppError, isAppError } from '../../../contract/app-error';
import type { StageContext, TransformStage } from '../../../core/jobs';
import type { BlobRef, BlobStore } from '../../../core/store/blobs/blob-store';
import { readMail } from '../../sources';
import type { Detected, Normalized, PageRecord, Part } from '../model';
import { savePageImage } from '../page-files';
import type { OcrSettings } from '../settings';
import type { IntakeTools } from '../tools';

/**
 * Turns the source into parts with decoded pages: a scan or PDF is one part; an e-mail is the mail
 * itself plus one part per attachment (each attachment's bytes are kept as a blob, like the original).
 * Pages are decoded one at a time through the job's pool and written to the work folder, so a 300-page
 * batch never sits in memory and an interrupted run continues with the pages not yet written.
 */
export const normalizeStage = (
  blobs: BlobStore,
  tools: IntakeTools,
  settings: OcrSettings,
): TransformStage<Detected, Normalized> => ({
  kind: 'transform',
  name: 'normalize',
  async run(detected, ctx) {
    const { source } = detected;
    const bytes = await blobs.read(source.original.hash);
    if (detected.kind === 'document') {
      const part = await pagesPart(ctx, tools, settings, source.options.forceOcr, {
        bytes,
        blob: source.original,
        fileName: source.original.fileName,
        prefix: '',
      });
      return { source, parts: [{ ...part, separable: true }], notices: detected.notices };
    }
    const mail = await readMail(bytes);
    const parts: Part[] = [
      {
        kind: 'mail',
        label: mail.subject || source.original.fileName,
        fileName: source.original.fileName,
        file: source.original,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        sentAt: mail.sentAt,
        attachmentCount: mail.attachments.length,
      },
    ];
    for (const [i, a] of mail.attachments.entries()) {
      const blob = await blobs.put(a.bytes);
      try {
        parts.push({
          ...(await pagesPart(ctx, tools, settings, source.options.forceOcr, {
            bytes: a.bytes,
            blob,
            fileName: a.fileName,
            prefix: `a${i + 1}-`,
          })),
          separable: false,
        });
      } catch (err) {
        // One unreadable attachment becomes its own Klärfall; the mail and the other attachments go on.
        if (!isAppError(err)) throw err;
        parts.push({
          kind: 'failed',
          label: a.fileName,
          fileName: a.fileName,
          file: blob,
          error: { code: err.code, params: err.params },
        });
      }
    }
    return {
      source: {
        ...source,
        posteingang: {
          ...source.posteingang,
          channel: 'email',
          sender: mail.sender ?? source.posteingang.sender,
        },
      },
      parts,
      notices: [
        ...detected.notices,
        ...mail.blocked.map((b) => ({
          code: 'intake.attachment_blocked' as const,
          params: { name: b.name, reason: b.reason },
        })),
      ],
    };
  },
});

/**
 * Enough for barcodes and previews: such a page is archived from its own PDF content; only in a document
 * that cannot stay PDF (mixed with scans, or fonts not embedded) is this image stored, under its own text.
 */
const PREVIEW_DPI = 150;

async function pagesPart(
  ctx: StageContext,
  tools: IntakeTools,
  settings: OcrSettings,
  forceOcr: boolean,
  file: { bytes: Uint8Array; blob: BlobRef; fileName: string; prefix: string },
): Promise<Omit<Extract<Part, { kind: 'pages' }>, 'separable'>> {
  const opened = await tools.openDocument(file.bytes, file.fileName, settings);
  try {
    // Active content and embedded files are refused for the source and for every attached PDF.
    const unsafe = opened.format === 'pdf' ? tools.activeContent(file.bytes) : null;
    if (unsafe) throw new AppError(unsafe, {}, `PDF refused: ${unsafe}`);
    const total = opened.document.pageCount;
    let done = 0;
    const indexes = Array.from({ length: total }, (_, i) => i);
    const pages = await ctx.pool(indexes, (index) =>
      ctx.once<PageRecord>(`${file.prefix}page.json`, index, async () => {
        const text = await opened.document.readText(index);
        // A page that keeps its own text is rendered only for separator detection and previews.
        const keepsText = tools.isSearchable(text) && !forceOcr;
        const image = await opened.document.rasterize(index, keepsText ? PREVIEW_DPI : settings.renderDpi);
        const ref = await savePageImage(ctx, tools, `${file.prefix}page.png`, index, image);
        ctx.progress(++done, total);
        return {
          index,
          image: ref,
          dpi: image.dpi,
          size: await opened.document.pageSize(index),
          text: text ? { text: text.text, words: [...text.words], characters: text.characters } : null,
        };
      }),
    );
    return {
      kind: 'pages',
      label: file.fileName,
      fileName: file.fileName,
      file: file.blob,
      format: opened.format,
      pages,
    };
  } finally {
    await opened.document.close();
  }
}
