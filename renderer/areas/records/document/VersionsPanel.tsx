import { useState } from 'react';
import type { DocumentDetail, DocumentVersion } from '../../../../contract/schemas/records';
import { de } from '../../../i18n/de';
import { formatDateTime, formatSize } from '../../../i18n/format';
import { t as viewerTexts } from '../viewer/texts';
import { NewVersionForm } from './NewVersionForm';
import { t } from './texts';

interface Props {
  doc: DocumentDetail;
  shown: DocumentVersion | null;
  onShow: (versionUuid: string) => void;
  /** The clerk may add a version (open Akte of the clerk's Amt). */
  mayUpload: boolean;
  onUploaded: (doc: DocumentDetail, message: string) => void;
}

/** The versions, newest first, each can be shown in the viewer; "Neue Version hochladen" for the clerk. */
export function VersionsPanel({ doc, shown, onShow, mayUpload, onUploaded }: Props) {
  const [uploading, setUploading] = useState(false);
  return (
    <>
      {uploading && mayUpload && (
        <NewVersionForm
          doc={doc}
          onCancel={() => setUploading(false)}
          onDone={(next) => {
            setUploading(false);
            onUploaded(next, t.uploaded(Math.max(...next.versions.map((v) => v.versionNo))));
          }}
        />
      )}
      <section className="panel" aria-labelledby="doc-versions-title">
        <div className="panel-head">
          <h2 id="doc-versions-title" className="panel-title">
            {de.document.versions}
          </h2>
          {mayUpload && !uploading && (
            <button type="button" className="btn btn-small" onClick={() => setUploading(true)}>
              {t.newVersion}
            </button>
          )}
        </div>
        <ol className="version-list">
          {[...doc.versions].reverse().map((v) => (
            <li key={v.uuid}>
              <span className="version-head">
                <span className="cell-strong">
                  {de.document.version} {v.versionNo}
                </span>
                <span className="muted">
                  {formatSize(v.size)} · {formatDateTime(v.createdAt)} · {de.document.createdBy} {v.createdBy}
                </span>
              </span>
              <span className="break">{v.fileName}</span>
              <span className="small muted mono" title={v.sha256}>
                {de.document.checksum} {v.sha256.slice(0, 16)}…
              </span>
              {v.uuid === shown?.uuid ? (
                <span className="small">{viewerTexts.versionShown}</span>
              ) : (
                <button type="button" className="btn btn-small btn-link" onClick={() => onShow(v.uuid)}>
                  {viewerTexts.showVersion(v.versionNo)}
                </button>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
