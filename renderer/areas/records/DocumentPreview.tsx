import type { DocumentVersion } from '../../../contract/schemas/records';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loaded';
import { de } from '../../i18n/de';
import { useFrameBlocked } from './use-frame-blocked';
import { useObjectUrl } from './use-object-url';

/**
 * Shows a version from an object URL of its fetched content: PDFs in the browser's own viewer (a pdf.js
 * viewer follows), images as images. Download and a separate window always work.
 */
export function DocumentPreview({ version }: { version: DocumentVersion }) {
  const { url, error, retry } = useObjectUrl(version.uuid);
  const frameBlocked = useFrameBlocked();
  if (error) return <ErrorNotice error={error} onRetry={retry} />;
  if (!url) return <Loading />;
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
      {frameBlocked ? (
        <p className="notice notice-info">{de.document.previewBlocked}</p>
      ) : version.mimeType === 'application/pdf' || version.mimeType.startsWith('text/') ? (
        <iframe className="preview-frame" src={url} title={title} />
      ) : version.mimeType.startsWith('image/') ? (
        <img className="preview-image" src={url} alt={title} />
      ) : (
        <p className="empty-state">{de.document.previewUnsupported}</p>
      )}
    </div>
  );
}
