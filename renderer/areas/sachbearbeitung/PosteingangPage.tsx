import { useState } from 'react';
import type { DocumentDetail, DocumentSummary } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { Facts } from '../../components/Facts';
import { Loaded } from '../../components/Loaded';
import { PageHead } from '../../components/PageHead';
import { Tabs } from '../../components/Tabs';
import { useRecordsChanged } from '../../components/use-records-changed';
import { de } from '../../i18n/de';
import { formatDate, formatDateTime } from '../../i18n/format';
import { routeHref } from '../../routing/routes';
import { navigate } from '../../routing/use-route';
import { clerkAmter } from '../../session/roles';
import { useUser } from '../../session/SessionProvider';
import { AssignAmtForm } from '../records/AssignAmtForm';
import { DocumentPreview } from '../records/DocumentPreview';
import { pe } from './posteingang-de';
import { PosteingangAutoFiled } from './PosteingangAutoFiled';
import { PosteingangProposals, type Filed } from './PosteingangProposals';
import { PosteingangQueue } from './PosteingangQueue';
import './posteingang.css';

/**
 * The Amt's incoming documents with their filing proposals: pick one, see why it was proposed, accept
 * or correct it; beside it the documents filed automatically, each with an undo.
 */
export function PosteingangPage({ documentUuid }: { documentUuid: string | null }) {
  const api = useApi();
  const user = useUser();
  const amter = clerkAmter(user);
  const [revision, setRevision] = useState(0);
  const [filed, setFiled] = useState<Filed | null>(null);
  const [forwarded, setForwarded] = useState(false);
  const reload = () => setRevision((n) => n + 1);
  useRecordsChanged(reload, ['document']);
  const auto = useQuery(() => api.call('classify.autoFiled', {}), [revision]);
  const open = (d: DocumentSummary) => navigate({ name: 'sb.posteingang', documentUuid: d.uuid }, { replace: documentUuid !== null });

  return (
    <div className="page page-fill">
      <PageHead title={de.posteingang.title(amter.map(de.amt).join(', '))} />
      {auto.data?.amter.map((a) => (
        <p key={a.amtId} className="auto-filing-status">
          {pe.autoStatus(de.amt(a.amtId), a.autoFiling)}
        </p>
      ))}
      {filed?.doc.akteUuid && (
        <p className="notice notice-success" role="status">
          {(filed.corrected ? pe.filedCorrected : pe.filedConfirmed)(filed.doc.aktenzeichen ?? '')}{' '}
          <a href={routeHref({ name: 'akte', uuid: filed.doc.akteUuid, vorgangUuid: filed.doc.vorgangUuid })}>{de.posteingang.openAkte}</a>
        </p>
      )}
      {forwarded && (
        <p className="notice notice-success" role="status">
          {de.assignAmt.forward.done}
        </p>
      )}
      <div className="columns columns-wide-side">
        <section className="column-side" aria-label={pe.sections}>
          <Tabs
            label={pe.sections}
            tabs={[
              { id: 'inbox', label: pe.tabInbox, render: () => <PosteingangQueue revision={revision} selectedUuid={documentUuid} onOpen={open} /> },
              {
                id: 'auto',
                label: pe.tabAuto(auto.data?.items.length ?? 0),
                render: () => <Loaded query={auto}>{(a) => <PosteingangAutoFiled items={a.items} onUndone={reload} />}</Loaded>,
              },
            ]}
          />
        </section>
        <section className="column-main column-scroll" aria-label={de.document.metadata}>
          {documentUuid ? (
            <IncomingDocument
              key={documentUuid}
              uuid={documentUuid}
              onFiled={(f) => {
                setFiled(f);
                setForwarded(false);
                reload();
                navigate({ name: 'sb.posteingang', documentUuid: null }, { replace: true });
              }}
              onForwarded={() => {
                setFiled(null);
                setForwarded(true);
                reload();
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

function IncomingDocument({ uuid, onFiled, onForwarded }: { uuid: string; onFiled: (f: Filed) => void; onForwarded: () => void }) {
  const api = useApi();
  const doc = useQuery(() => api.call('documents.get', { uuid }), [uuid]);
  const [forwarding, setForwarding] = useState(false);
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
            {d.status === 'eingang' && (
              <p>
                <button type="button" className="btn" aria-expanded={forwarding} onClick={() => setForwarding(true)}>
                  {de.assignAmt.forward.action}
                </button>
              </p>
            )}
            {forwarding && <AssignAmtForm document={d} forward onDone={onForwarded} onCancel={() => setForwarding(false)} />}
            {d.status === 'eingang' && <ProposalsFor doc={d} onFiled={onFiled} />}
            {latest && (
              <details className="incoming-preview">
                <summary>{pe.original}</summary>
                <DocumentPreview version={latest} />
              </details>
            )}
          </div>
        );
      }}
    </Loaded>
  );
}

function ProposalsFor({ doc, onFiled }: { doc: DocumentDetail; onFiled: (f: Filed) => void }) {
  const api = useApi();
  const proposal = useQuery(() => api.call('classify.proposal', { uuid: doc.uuid }), [doc.uuid]);
  return <Loaded query={proposal}>{(p) => <PosteingangProposals doc={doc} proposal={p} onFiled={onFiled} />}</Loaded>;
}
