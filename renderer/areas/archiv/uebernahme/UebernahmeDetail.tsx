import { useState } from 'react';
import type { ArchivFinding, ArchivObject, ArchivReceiptDetail } from '../../../../contract/methods/archiv';
import { useApi } from '../../../api/ApiProvider';
import { useCommand, useQuery } from '../../../api/use-query';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { FolderField } from '../../../components/FolderField';
import { Loaded } from '../../../components/Loaded';
import { PageHead } from '../../../components/PageHead';
import { formatDateTime, formatSize } from '../../../i18n/format';
import { routeHref } from '../../../routing/routes';
import { IngestBadge } from './IngestBadge';
import { t } from './texts';
import './uebernahme.css';

export function UebernahmeDetail({ receiptId }: { receiptId: string }) {
  const api = useApi();
  const query = useQuery(() => api.call('archiv.get', { receiptId }), [receiptId]);
  return (
    <div className="page">
      <p>
        <a href={routeHref({ name: 'archiv.uebernahme', receiptId: null })}>{t.detail.back}</a>
      </p>
      <Loaded query={query}>{(d) => <Detail detail={d} onChanged={query.reload} />}</Loaded>
    </div>
  );
}

function Findings({ findings }: { findings: readonly ArchivFinding[] }) {
  if (findings.length === 0) return <span className="muted">{t.detail.none}</span>;
  return (
    <ul className="ingest-findings">
      {findings.map((f, i) => (
        <li key={`${f.code}-${i}`}>
          <IngestBadge status={f.status} /> {f.text}
        </li>
      ))}
    </ul>
  );
}

function Detail({ detail: d, onChanged }: { detail: ArchivReceiptDetail; onChanged: () => void }) {
  return (
    <>
      <PageHead title={t.detail.title(d.sourceName)}>
        <IngestBadge status={d.status} />
      </PageHead>
      <dl className="facts" aria-label={t.detail.facts}>
        <div className="fact">
          <dt>{t.detail.prozessId}</dt>
          <dd className="mono">{d.prozessId ?? '–'}</dd>
        </div>
        <div className="fact">
          <dt>{t.detail.version}</dt>
          <dd>{d.xdomeaVersion ?? '–'}</dd>
        </div>
        <div className="fact">
          <dt>{t.detail.received}</dt>
          <dd>
            {formatDateTime(d.receivedAt)} {t.detail.by} {d.receivedBy}
          </dd>
        </div>
      </dl>
      {d.refused ? (
        <div className="notice notice-error" role="alert">
          <p className="notice-text">
            {t.detail.refused}: {d.refused.text}
          </p>
        </div>
      ) : (
        <>
          <Actions detail={d} onChanged={onChanged} />
          <section className="ingest-section" aria-labelledby="ingest-appraisal">
            <h2 id="ingest-appraisal" className="section-title">
              {t.detail.appraisal}
            </h2>
            <p>{d.appraisalKnown ? t.detail.appraisalKnown : t.detail.appraisalUnknown}</p>
            {d.appraisalKnown && <p>{t.detail.appraisalFindings(d.appraisalFindings)}</p>}
          </section>
          {d.packageFindings.length > 0 && (
            <section className="ingest-section" aria-labelledby="ingest-package">
              <h2 id="ingest-package" className="section-title">
                {t.detail.packageFindings}
              </h2>
              <Findings findings={d.packageFindings} />
            </section>
          )}
          <Report key={`${d.receiptId}-${d.status}-${d.confirmation?.at ?? ''}`} detail={d} />
        </>
      )}
    </>
  );
}

/** The object tree page by page (a receipt of 20,000 files is never sent whole). */
function Report({ detail: d }: { detail: ArchivReceiptDetail }) {
  const api = useApi();
  const [objects, setObjects] = useState<readonly ArchivObject[]>(d.objects);
  const more = useCommand(async () => {
    const page = await api.call('archiv.get', { receiptId: d.receiptId, offset: objects.length });
    setObjects((loaded) => [...loaded, ...page.objects]);
  });
  return (
    <>
    <div className="ingest-scroll ingest-section">
      <table className="table table-compact">
        <caption className="table-caption">{t.detail.report}</caption>
        <thead>
          <tr>
            <th scope="col">{t.detail.object}</th>
            <th scope="col">{t.detail.status}</th>
            <th scope="col">{t.detail.files}</th>
            <th scope="col">{t.detail.findings}</th>
          </tr>
        </thead>
        <tbody>
          {objects.map((o, i) => (
            <tr key={`${o.xdomeaUuid}-${i}`}>
              <th scope="row" style={{ paddingLeft: `${8 + o.depth * 16}px` }}>
                {t.detail.kind[o.kind]} {o.aktenzeichen ?? ''} {o.title ?? ''}
                <span className="small muted mono">{o.xdomeaUuid}</span>
              </th>
              <td>
                <IngestBadge status={o.status} />
              </td>
              <td>
                {o.files.length === 0
                  ? '–'
                  : o.files.map((f) => (
                      <div key={`${f.versionNumber}-${f.fileName}`} className="small">
                        {f.present
                          ? t.detail.fileLine(
                              f.fileName,
                              [f.puid, f.formatName].filter(Boolean).join(' ') || t.detail.unknownFormat,
                            )
                          : `${f.fileName}: ${t.detail.missing}`}
                        {f.size !== null && <span className="muted"> · {formatSize(f.size)}</span>}
                      </div>
                    ))}
              </td>
              <td>
                <Findings findings={[...o.findings, ...o.files.flatMap((f) => f.findings)]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <p className="small muted" role="status">
      {t.detail.shown(objects.length, d.objectsTotal)}{' '}
      {objects.length < d.objectsTotal && (
        <button type="button" className="btn btn-small" disabled={more.pending} onClick={() => void more.run()}>
          {more.pending ? t.detail.loadingMore : t.detail.more}
        </button>
      )}
    </p>
    {more.error && <ErrorNotice error={more.error} onRetry={() => void more.run()} />}
    </>
  );
}

function Actions({ detail: d, onChanged }: { detail: ArchivReceiptDetail; onChanged: () => void }) {
  const api = useApi();
  const [outDir, setOutDir] = useState('');
  const [done, setDone] = useState<string[]>([]);
  const prozessId = d.prozessId!;
  const target = () => (outDir.trim() ? { outDir: outDir.trim() } : {});
  const confirm = useCommand(async () => {
    const r = await api.call('archiv.confirm', { prozessId, ...target() });
    setDone([
      t.detail.confirmed(r.accepted),
      t.detail.written(t.detail.receipt, r.receipt.path),
      t.detail.written(t.detail.importConfirmation, r.importConfirmation.path),
    ]);
    onChanged();
  });
  const pack = useCommand(async () => {
    const r = await api.call('archiv.package', { prozessId, ...target() });
    setDone([t.detail.packaged(r.path, r.files)]);
    onChanged();
  });
  return (
    <div role="group" aria-label={t.detail.actions} className="panel ingest-section">
      <div className="ingest-form">
        <FolderField label={t.detail.outDir} chooseLabel={t.detail.chooseOutDir} purpose="write" value={outDir} onChange={setOutDir} />
      </div>
      <p>
        <button type="button" className="btn" disabled={confirm.pending} onClick={() => void confirm.run()}>
          {confirm.pending ? t.detail.confirming : t.detail.confirm}
        </button>{' '}
        <button
          type="button"
          className="btn btn-primary"
          disabled={pack.pending || d.status === 'error'}
          onClick={() => void pack.run()}
        >
          {pack.pending ? t.detail.packaging : t.detail.package}
        </button>
      </p>
      {d.status === 'error' && <p className="field-hint">{t.detail.notPackable}</p>}
      {confirm.error && <ErrorNotice error={confirm.error} onRetry={() => void confirm.run()} />}
      {pack.error && <ErrorNotice error={pack.error} onRetry={() => void pack.run()} />}
      {done.length > 0 && (
        <div className="notice notice-success" role="status">
          {done.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
    </div>
  );
}
