import { useEffect, useState } from 'react';
import type { Akte } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { useRecordsChanged } from '../../components/use-records-changed';
import { Breadcrumbs, type Crumb } from '../../components/Breadcrumbs';
import { Loaded } from '../../components/Loaded';
import { AkteStatusBadge } from '../../components/StatusBadge';
import { Tabs } from '../../components/Tabs';
import { de } from '../../i18n/de';
import { formatDate } from '../../i18n/format';
import { useOffline } from '../../offline/OfflineProvider';
import { routeHref } from '../../routing/routes';
import { navigate } from '../../routing/use-route';
import { clerkAmter, mayEditAkte, mayReopenAkte } from '../../session/roles';
import { useUser } from '../../session/SessionProvider';
import { AkteFacts } from './AkteFacts';
import { AkteneinsichtPanel } from './AkteneinsichtPanel';
import { AkteWiedervorlagen } from './AkteWiedervorlagen';
import { AuditTrail } from './AuditTrail';
import { MitzeichnungForm } from './MitzeichnungForm';
import { MoveDocumentForm } from './MoveDocumentForm';
import { NewVorgangForm } from './NewVorgangForm';
import { LegalHoldForm } from './LegalHoldForm';
import { ReopenForm } from './ReopenForm';
import { VermerkForm } from './VermerkForm';
import { VorgaengeView } from './VorgaengeView';
import { WiedervorlageForm } from './WiedervorlageForm';
import { ZdaPanel } from './ZdaPanel';

type Panel =
  'vorgang' | 'wiedervorlage' | 'vermerk' | 'move' | 'mitzeichnung' | 'einsicht' | 'zda' | 'reopen' | 'legalHold' | null;

/** One Akte: facts, persons, Vorgänge with their Dokumente, Wiedervorlagen, audit trail; actions by grant and status. */
export function AktePage({ uuid, vorgangUuid }: { uuid: string; vorgangUuid: string | null }) {
  const api = useApi();
  const offline = useOffline();
  const query = useQuery(() => api.call('akten.get', { uuid }), [uuid]);
  const [updated, setUpdated] = useState<Akte | null>(null);
  const akte = updated ?? query.data;
  // Counts and Vorgänge follow changes made elsewhere (another window, the Posteingang, a colleague).
  useRecordsChanged(query.reload, ['akte', 'vorgang', 'document']);

  useEffect(() => {
    if (!query.data) return;
    setUpdated(null);
    const a = query.data;
    offline
      .addRecent({ kind: 'akte', uuid: a.uuid, title: a.title, subtitle: a.aktenzeichen })
      .catch((err: unknown) => console.warn('recent not saved', err));
  }, [query.data, offline]);

  return (
    <Loaded query={{ ...query, data: akte }}>
      {(a) => <AkteView akte={a} vorgangUuid={vorgangUuid} onChanged={setUpdated} reload={query.reload} />}
    </Loaded>
  );
}

interface AkteViewProps {
  akte: Akte;
  vorgangUuid: string | null;
  onChanged: (a: Akte) => void;
  reload: () => void;
}

function AkteView({ akte, vorgangUuid, onChanged, reload }: AkteViewProps) {
  const user = useUser();
  const [panel, setPanel] = useState<Panel>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [wvRevision, setWvRevision] = useState(0);
  const editable = mayEditAkte(user, akte);
  const reopenable = mayReopenAkte(user, akte);
  const clerk = clerkAmter(user).includes(akte.amtId);
  const selected = akte.vorgaenge.find((v) => v.uuid === vorgangUuid) ?? akte.vorgaenge[0] ?? null;

  const done = (message: string) => {
    setPanel(null);
    setFlash(message);
  };
  const crumbs: Crumb[] = clerk
    ? [
        { label: de.areas.sachbearbeitung, href: routeHref({ name: 'sb.overview' }) },
        { label: de.nav.akten, href: routeHref({ name: 'sb.akten', entryUuid: null }) },
        { label: akte.aktenzeichen },
      ]
    : [{ label: de.areas.archiv, href: routeHref({ name: 'archiv' }) }, { label: akte.aktenzeichen }];

  return (
    <div className="page">
      <Breadcrumbs items={crumbs} />
      <div className="record-head">
        <div className="record-head-text">
          <p className="record-az">{akte.aktenzeichen}</p>
          <h1 className="page-title">{akte.title}</h1>
          <p className="record-meta">
            <AkteStatusBadge status={akte.status} />
            <span>{de.amt(akte.amtId)}</span>
            <span>
              {akte.aktenplanNumber} {akte.aktenplanTitle}
            </span>
            <span>{de.akte.documentCount(akte.documentCount)}</span>
            {!editable && !reopenable && <span className="badge badge-readonly">{de.akte.readOnly}</span>}
          </p>
        </div>
        {(editable || reopenable || clerk) && (
          <div className="record-actions" role="group" aria-label={de.akte.actionsLabel}>
            {editable && (
              <>
                <button
                  type="button"
                  className="btn"
                  aria-expanded={panel === 'vorgang'}
                  onClick={() => setPanel('vorgang')}
                >
                  {de.akte.newVorgang}
                </button>
                <button
                  type="button"
                  className="btn"
                  aria-expanded={panel === 'wiedervorlage'}
                  onClick={() => setPanel('wiedervorlage')}
                >
                  {de.akte.newWiedervorlage}
                </button>
                {selected && (
                  <>
                    <button
                      type="button"
                      className="btn"
                      aria-expanded={panel === 'vermerk'}
                      onClick={() => setPanel('vermerk')}
                    >
                      {de.caseWork.vermerk}
                    </button>
                    <button
                      type="button"
                      className="btn"
                      aria-expanded={panel === 'move'}
                      onClick={() => setPanel('move')}
                    >
                      {de.caseWork.move}
                    </button>
                    <button
                      type="button"
                      className="btn"
                      aria-expanded={panel === 'mitzeichnung'}
                      onClick={() => setPanel('mitzeichnung')}
                    >
                      {de.caseWork.mitzeichnung}
                    </button>
                  </>
                )}
                <button
                  type="button"
                  className="btn"
                  aria-expanded={panel === 'zda'}
                  onClick={() => setPanel('zda')}
                >
                  {de.akte.markZda}
                </button>
              </>
            )}
            {reopenable && (
              <button
                type="button"
                className="btn"
                aria-expanded={panel === 'reopen'}
                onClick={() => setPanel('reopen')}
              >
                {de.akte.reopen}
              </button>
            )}
            {/* A legal hold is retention metadata, so the own Amt may set it on closed Akten too. */}
            {clerk && (
              <button
                type="button"
                className="btn"
                aria-expanded={panel === 'legalHold'}
                onClick={() => setPanel('legalHold')}
              >
                {de.legalHold.action(akte.legalHold !== null)}
              </button>
            )}
            {/* Inspection by a party is the office's business, also after zdA; the archive only reads. */}
            {clerk && (
              <button
                type="button"
                className="btn"
                aria-expanded={panel === 'einsicht'}
                onClick={() => setPanel('einsicht')}
              >
                {de.caseWork.export}
              </button>
            )}
          </div>
        )}
      </div>
      {akte.legalHold && (
        <p className="notice notice-warn">
          <strong>{de.akte.legalHold}:</strong> {akte.legalHold}
        </p>
      )}
      {flash && (
        <p className="notice notice-success" role="status">
          {flash}
        </p>
      )}
      {panel === 'vorgang' && (
        <NewVorgangForm
          akteUuid={akte.uuid}
          onCancel={() => setPanel(null)}
          onDone={(v) => {
            done(de.vorgang.created);
            reload();
            navigate({ name: 'akte', uuid: akte.uuid, vorgangUuid: v.uuid }, { replace: true });
          }}
        />
      )}
      {panel === 'wiedervorlage' && (
        <WiedervorlageForm
          target={{ akteUuid: akte.uuid }}
          onCancel={() => setPanel(null)}
          onDone={(w) => {
            done(de.wiedervorlage.created(formatDate(w.dueDate)));
            setWvRevision((n) => n + 1);
          }}
        />
      )}
      {panel === 'vermerk' && selected && (
        <VermerkForm
          vorgang={selected}
          onCancel={() => setPanel(null)}
          onDone={() => done(de.caseWork.vermerkDone)}
        />
      )}
      {panel === 'move' && selected && (
        <MoveDocumentForm
          akte={akte}
          vorgang={selected}
          onCancel={() => setPanel(null)}
          onDone={(d) => done(de.caseWork.moveDone(d.aktenzeichen ?? ''))}
        />
      )}
      {panel === 'mitzeichnung' && selected && (
        <MitzeichnungForm
          vorgang={selected}
          onCancel={() => setPanel(null)}
          onDone={(m) => done(de.caseWork.mitzeichnungDone(m.addressee))}
        />
      )}
      {panel === 'einsicht' && <AkteneinsichtPanel akte={akte} onCancel={() => setPanel(null)} />}
      {panel === 'zda' && (
        <ZdaPanel
          akte={akte}
          onCancel={() => setPanel(null)}
          onDone={(a) => {
            onChanged(a);
            done(de.zda.done);
          }}
        />
      )}
      {panel === 'legalHold' && (
        <LegalHoldForm
          akte={akte}
          onCancel={() => setPanel(null)}
          onDone={(a) => {
            onChanged(a);
            done(de.legalHold.done(a.legalHold !== null));
          }}
        />
      )}
      {panel === 'reopen' && (
        <ReopenForm
          akte={akte}
          onCancel={() => setPanel(null)}
          onDone={(a) => {
            onChanged(a);
            done(de.reopen.done);
          }}
        />
      )}
      <div className="record-grid">
        <div className="record-main">
          <Tabs
            label={akte.aktenzeichen}
            tabs={[
              {
                id: 'vorgaenge',
                label: de.akte.tabs.vorgaenge,
                render: () => <VorgaengeView akte={akte} selected={selected} />,
              },
              ...(clerk
                ? [
                    {
                      id: 'wv',
                      label: de.akte.tabs.wiedervorlagen,
                      render: () => <AkteWiedervorlagen akteUuid={akte.uuid} revision={wvRevision} />,
                    },
                  ]
                : []),
              {
                id: 'audit',
                label: de.akte.tabs.audit,
                render: () => <AuditTrail uuid={akte.uuid} key={akte.status} />,
              },
            ]}
          />
        </div>
        <aside className="record-aside" aria-label={de.akte.facts}>
          <AkteFacts akte={akte} />
        </aside>
      </div>
    </div>
  );
}
