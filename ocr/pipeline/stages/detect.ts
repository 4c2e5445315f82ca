import type { TransformStage } from '../../../core/jobs';
import type { BlobStore } from '../../../core/store/blobs/blob-store';
import { looksLikeMail } from '../../sources';
import type { Detected, IntakeSource, Notice } from '../model';
import type { IntakeTools } from '../tools';

/**
 * What the file is, by its content (magic bytes), never by its name: an e-mail, or a page document
 * (PDF, TIFF, JPEG, PNG). Empty and unsupported files stop here as Klärfälle; a name that claims another
 * format is noted and the content decides.
 */
export const detectStage = (
  blobs: BlobStore,
  tools: IntakeTools,
): TransformStage<IntakeSource, Detected> => ({
  kind: 'transform',
  name: 'detect',
  async run(source) {
    const bytes = await blobs.read(source.original.hash);
    if (bytes.length > 0 && looksLikeMail(bytes)) return { source, kind: 'mail', notices: [] };
    const detected = await tools.detectFormat(bytes, source.original.fileName);
    const notices: Notice[] = [];
    if (!detected.extensionMatches && detected.extension) {
      notices.push({
        code: 'intake.extension_mismatch',
        params: {
          name: source.original.fileName,
          extension: detected.extension,
          format: detected.format.toUpperCase(),
        },
      });
    }
    return { source, kind: 'document', notices };
  },
});
