import type { DocumentVersion } from '../../../../contract/schemas/records';
import { Loading } from '../../../components/Loaded';
import { PdfViewer } from './PdfViewer';
import './viewer.css';
import { t } from './texts';
import { useHits } from './use-hits';
import { useViewerDocument } from './use-viewer-document';

/** A PDF version opened with pdf.js; a file pdf.js cannot read gets a German notice (download stays). */
export function PdfPreview({ version, blob, query }: { version: DocumentVersion; blob: Blob; query: string | null }) {
  const state = useViewerDocument(blob);
  const hits = useHits(version.uuid, query, state.status === 'ready' ? state.doc : null);
  if (state.status === 'failed') return <p className="notice notice-error">{t.failed}</p>;
  if (state.status === 'loading') return <Loading />;
  return <PdfViewer doc={state.doc} fileName={version.fileName} hits={hits} />;
}
