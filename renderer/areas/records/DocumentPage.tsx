import { useEffect, useState } from 'react';
import type { DocumentDetail } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { Breadcrumbs, type Crumb } from '../../components/Breadcrumbs';
import { Loaded } from '../../components/Loaded';
import { DocumentStatusBadge } from '../../components/StatusBadge';
import { de } from '../../i18n/de';
import { formatDate } from '../../i18n/format';
import { useOffline } from '../../offline/OfflineProvider';
import { routeHref } from '../../routing/routes';
import { clerkAmter } from '../../session/roles';
import { useUser } from '../../session/SessionProvider';
import { AuditTrail } from './AuditTrail';
import { DocumentPreview } from './DocumentPreview';
import { MetadataPanel } from './document/MetadataPanel';
import { MitzeichnungStatus } from './document/MitzeichnungStatus';
import { useDocumentAccess } from './document/use-document-access';
import { useLiveDocument } from './document/use-live-document';
import { VersionsPanel } from './document/VersionsPanel';
import { SignaturesPanel } from './signatures/SignaturesPanel';
import { WiedervorlageForm } from './WiedervorlageForm';

/**
 * One Dokument: its content (search hits of `query` marked), metadata, versions, Mitzeichnung, signatures and
 * audit trail; it follows changes to this document only (useLiveDocument).
 */
export function DocumentPage({ uuid, query = null }: { uuid: string; query?: string | null }) {
  const api = useApi();
  const offline = useOffline();
  const doc = useQuery(() => api.call('documents.get', { uuid }), [uuid]);

  useEffect(() => {
    const d = doc.data;
    if (!d) return;
    offline
      .addRecent({ kind: 'document', uuid: d.uuid, title: d.title, subtitle: d.aktenzeichen ?? d.docType ?? '' })
      .catch((err: unknown) => console.warn('recent not saved', err));
  }, [doc.data, offline]);

  return <Loaded query={doc}>{(d) => <DocumentView key={d.uuid} initial={d} query={query} />}</Loaded>;
}

function DocumentView({ initial, query }: { initial: DocumentDetail; query: string | null }) {
  const user = useUser();
  const [doc, update] = useLiveDocument(initial);
  const access = useDocumentAccess(doc);
  const [panel, setPanel] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const latest = doc.versions.reduce<DocumentDetail['versions'][number] | null>((m, v) => (!m || v.versionNo > m.versionNo ? v : m), null);
  const [shownUuid, setShownUuid] = useState<string | null>(null);
  const shown = doc.versions.find((v) => v.uuid === shownUuid) ?? latest;
  const clerk = doc.amtId !== null && clerkAmter(user).includes(doc.amtId);
  /** A change made here: shown at once; a new version (upload, signature) is what the clerk wants to see next. */
  const changed = (next: DocumentDetail, message?: string) => {
    if (next.versions.length !== doc.versions.length) setShownUuid(null);
    update(next);
    if (message) setFlash(message);
  };

  const crumbs: Crumb[] = [
    ...(doc.akteUuid && doc.aktenzeichen
      ? [{ label: doc.aktenzeichen, href: routeHref({ name: 'akte', uuid: doc.akteUuid, vorgangUuid: doc.vorgangUuid }) }]
      : [{ label: de.nav.posteingang, href: routeHref({ name: 'sb.posteingang', documentUuid: null }) }]),
    { label: doc.title },
  ];

  return (
    <div className="page">
      <Breadcrumbs items={crumbs} />
      <div className="record-head">
        <div className="record-head-text">
          <p className="record-az">{doc.docType ?? de.document.title}</p>
          <h1 className="page-title">{doc.title}</h1>
          <p className="record-meta">
            <DocumentStatusBadge status={doc.status} />
            {doc.sender && <span>{doc.sender}</span>}
            <span>{formatDate(doc.documentDate ?? doc.receivedAt)}</span>
            {doc.amtId && <span>{de.amt(doc.amtId)}</span>}
          </p>
        </div>
        {clerk && (
          <div className="record-actions" role="group" aria-label={de.document.actionsLabel}>
            <button type="button" className="btn" aria-expanded={panel} onClick={() => setPanel(true)}>
              {de.akte.newWiedervorlage}
            </button>
          </div>
        )}
      </div>
      {access.notice && <p className="notice notice-info">{access.notice}</p>}
      {flash && (
        <p className="notice notice-success" role="status">
          {flash}
        </p>
      )}
      {panel && (
        <WiedervorlageForm
          target={{ documentUuid: doc.uuid }}
          onCancel={() => setPanel(false)}
          onDone={(w) => {
            setPanel(false);
            setFlash(de.wiedervorlage.created(formatDate(w.dueDate)));
          }}
        />
      )}
      <div className="record-grid record-grid-doc">
        <section className="record-main panel" aria-labelledby="doc-preview-title">
          <h2 id="doc-preview-title" className="panel-title">
            {de.document.preview}
            {shown && <span className="panel-subtitle"> {shown.fileName}</span>}
          </h2>
          {shown ? <DocumentPreview key={shown.uuid} version={shown} query={query} /> : <p className="empty-state">{de.document.noVersion}</p>}
        </section>
        <aside className="record-aside" aria-label={de.document.metadata}>
          <MetadataPanel doc={doc} editable={access.mayEditMetadata} onChanged={changed} />
          <VersionsPanel doc={doc} shown={shown} onShow={setShownUuid} mayUpload={access.mayChange} onUploaded={changed} />
          <MitzeichnungStatus documentUuid={doc.uuid} mayRequest={access.mayChange} />
          <SignaturesPanel doc={doc} version={shown} onNewVersion={changed} />
          <details className="panel">
            <summary className="panel-title">{de.audit.title}</summary>
            <AuditTrail uuid={doc.uuid} />
          </details>
        </aside>
      </div>
    </div>
  );
}
