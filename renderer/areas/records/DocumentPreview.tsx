import type { DocumentVersion } from '../../../contract/schemas/records';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loaded';
import { de } from '../../i18n/de';
import { useFrameBlocked } from './use-frame-blocked';
import { useObjectUrl } from './use-object-url';
import { PdfPreview } from './viewer/PdfPreview';

/**
 * Shows a version from its fetched content: PDFs in our pdf.js viewer (with search hits of `query`
 * marked), text in a frame, images as images. Download and a separate window always work.
 */
export function DocumentPreview({ version, query = null }: { version: DocumentVersion; query?: string | null }) {
  const { url, blob, error, retry } = useObjectUrl(version.uuid);
  const frameBlocked = useFrameBlocked();
  if (error) return <ErrorNotice error={error} onRetry={retry} />;
  if (!url || !blob) return <Loading />;
  const title = de.document.previewTitle(version.fileName);
  return (
    <div className="preview">
      <div className="preview-tools">
        <a className="btn btn-small" href={url} download={version.fileName}>
          {de.document.download}
        </a>
        <a className="btn btn-small" href={url} target="_blank" rel="noopener">
          {de.document.openSeparately}
        </a>
      </div>
      {version.mimeType === 'application/pdf' ? (
        <PdfPreview version={version} blob={blob} query={query} />
      ) : frameBlocked ? (
        <p className="notice notice-info">{de.document.previewBlocked}</p>
      ) : version.mimeType.startsWith('text/') ? (
        <iframe className="preview-frame" src={url} title={title} />
      ) : version.mimeType.startsWith('image/') ? (
        <img className="preview-image" src={url} alt={title} />
      ) : (
        <p className="empty-state">{de.document.previewUnsupported}</p>
      )}
    </div>
  );
}
