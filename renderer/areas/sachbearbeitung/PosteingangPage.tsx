import { useState } from 'react';
import type { DocumentDetail } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { Facts } from '../../components/Facts';
import { Loaded } from '../../components/Loaded';
import { de } from '../../i18n/de';
import { formatDate, formatDateTime } from '../../i18n/format';
import { routeHref } from '../../routing/routes';
import { navigate } from '../../routing/use-route';
import { clerkAmter } from '../../session/roles';
import { useUser } from '../../session/SessionProvider';
import { DocumentPreview } from '../records/DocumentPreview';
import { PosteingangList } from '../records/PosteingangList';
import { FileDocumentForm } from './FileDocumentForm';

/** The Amt's incoming documents: pick one, look at it, file it into a Vorgang. */
export function PosteingangPage({ documentUuid }: { documentUuid: string | null }) {
  const user = useUser();
  const amter = clerkAmter(user);
  const [revision, setRevision] = useState(0);
  const [filed, setFiled] = useState<DocumentDetail | null>(null);

  return (
    <div className="page page-fill">
      <div className="page-head">
        <h1 className="page-title">{de.posteingang.title(amter.map(de.amt).join(', '))}</h1>
      </div>
      {filed && filed.akteUuid && (
        <p className="notice notice-success" role="status">
          {de.posteingang.filed(filed.aktenzeichen ?? '')}{' '}
          <a href={routeHref({ name: 'akte', uuid: filed.akteUuid, vorgangUuid: filed.vorgangUuid })}>{de.posteingang.openAkte}</a>
        </p>
      )}
      <div className="columns columns-wide-side">
        <section className="column-side" aria-label={de.posteingang.listLabel}>
          <PosteingangList
            revision={revision}
            selectedUuid={documentUuid}
            onOpen={(d) => navigate({ name: 'sb.posteingang', documentUuid: d.uuid }, { replace: documentUuid !== null })}
          />
        </section>
        <section className="column-main column-scroll" aria-label={de.document.metadata}>
          {documentUuid ? (
            <IncomingDocument
              key={documentUuid}
              uuid={documentUuid}
              onFiled={(d) => {
                setFiled(d);
                setRevision((n) => n + 1);
                navigate({ name: 'sb.posteingang', documentUuid: null }, { replace: true });
              }}
            />
          ) : (
            <p className="empty-state">{de.posteingang.choose}</p>
          )}
        </section>
      </div>
    </div>
  );
}

function IncomingDocument({ uuid, onFiled }: { uuid: string; onFiled: (d: DocumentDetail) => void }) {
  const api = useApi();
  const doc = useQuery(() => api.call('documents.get', { uuid }), [uuid]);
  return (
    <Loaded query={doc}>
      {(d) => {
        const latest = d.versions[d.versions.length - 1];
        return (
          <div className="incoming">
            <h2 className="section-title">
              <a href={routeHref({ name: 'document', uuid: d.uuid })}>{d.title}</a>
            </h2>
            <Facts
              items={[
                [de.document.sender, d.sender ?? '–'],
                [de.document.receivedAt, formatDateTime(d.receivedAt)],
                [de.document.channel, d.channel ? de.channel[d.channel] : '–'],
                [de.document.docType, d.docType ?? '–'],
                [de.document.documentDate, formatDate(d.documentDate)],
              ]}
            />
            {d.status === 'eingang' && <FileDocumentForm doc={d} onFiled={onFiled} />}
            {latest && (
              <div className="incoming-preview">
                <DocumentPreview version={latest} />
              </div>
            )}
          </div>
        );
      }}
    </Loaded>
  );
}
