import { useId, useRef, useState } from 'react';
import type { AussonderungDetail, AussonderungState, DeletionProtocolEntry, FormatReportEntry } from '../../../../contract/methods/aussonderung';
import { useApi } from '../../../api/ApiProvider';
import { useCommand, useQuery, type QueryState } from '../../../api/use-query';
import { ActionPanel } from '../../../components/ActionPanel';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loaded } from '../../../components/Loaded';
import { PageHead } from '../../../components/PageHead';
import { formatDate, formatDateTime, formatSize } from '../../../i18n/format';
import { routeHref } from '../../../routing/routes';
import { HintBadge } from './ExpiringList';
import { StateBadge } from './AussonderungList';
import { t } from './texts';

const APPRAISED_OR_LATER: readonly AussonderungState[] = ['appraised', 'exported', 'export_received', 'import_confirmed'];

/** Which steps the process allows now; the core checks again and refuses with a German message. */
export function actionsFor(d: AussonderungDetail) {
  const undeleted = d.objects.some((o) => !o.deletedAt);
  return {
    importMessage: d.state !== 'completed',
    sample: d.state === 'appraised' && d.objects.some((o) => o.decision === 'B'),
    export: ['appraised', 'exported', 'export_received'].includes(d.state) && d.objects.some((o) => o.decision === 'A' || (o.decision === 'B' && o.selected)),
    delete: APPRAISED_OR_LATER.includes(d.state) && undeleted,
  };
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('file read failed'));
    reader.readAsDataURL(file);
  });
}

type Outcome =
  | { kind: 'imported'; text: string; extra: string[] }
  | { kind: 'sample' }
  | { kind: 'exported'; path: string; files: FormatReportEntry[] }
  | { kind: 'deleted'; count: number; kept: { akteUuid: string; aktenzeichen: string; reason: string }[] };

export function AussonderungDetailView({ prozessId }: { prozessId: string }) {
  const api = useApi();
  const query = useQuery(() => api.call('aussonderung.get', { prozessId }), [prozessId]);
  const protocol = useQuery(() => api.call('aussonderung.deletionProtocol', { prozessId }), [prozessId]);
  return (
    <div className="page">
      <p className="aus-back">
        <a href={routeHref({ name: 'archiv.aussonderung', prozessId: null })}>{t.detail.back}</a>
      </p>
      <Loaded query={query}>
        {(d) => (
          <Detail
            detail={d}
            protocol={protocol}
            onChanged={() => {
              query.reload();
              protocol.reload();
            }}
          />
        )}
      </Loaded>
    </div>
  );
}

function Detail({ detail: d, protocol, onChanged }: { detail: AussonderungDetail; protocol: QueryState<DeletionProtocolEntry[]>; onChanged: () => void }) {
  const api = useApi();
  const can = actionsFor(d);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [sample, setSample] = useState<ReadonlySet<string>>(() => new Set(d.objects.filter((o) => o.decision === 'B' && o.selected).map((o) => o.akteUuid)));
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const fileId = useId();
  const fileHintId = useId();

  const importMsg = useCommand(async () => {
    if (!file) return;
    const r = await api.call('aussonderung.importMessage', { source: { kind: 'bytes', fileName: file.name, base64: await readBase64(file) } });
    const extra: string[] = [];
    if (r.unanswered.length > 0) extra.push(t.detail.unanswered(r.unanswered.length));
    if (r.receipt) extra.push(t.detail.receipt(r.receipt.path));
    setOutcome({ kind: 'imported', text: r.repeated ? t.detail.importRepeated(r.type) : t.detail.imported(r.type, r.applied, r.failed), extra });
    setFile(null);
    if (fileRef.current) fileRef.current.value = '';
    onChanged();
  });
  const saveSample = useCommand(async () => {
    await api.call('aussonderung.selectSample', { prozessId: d.prozessId, akteUuids: [...sample] });
    setOutcome({ kind: 'sample' });
    onChanged();
  });
  const exportPkg = useCommand(async () => {
    const r = await api.call('aussonderung.export', { prozessId: d.prozessId });
    setOutcome({ kind: 'exported', path: r.package.path, files: r.files });
    onChanged();
  });
  const del = useCommand(async () => {
    const r = await api.call('aussonderung.delete', { prozessId: d.prozessId });
    setConfirmDelete(false);
    setOutcome({ kind: 'deleted', count: r.deleted.length, kept: r.kept });
    onChanged();
  });

  const files = outcome?.kind === 'exported' ? outcome.files : d.files;
  const sampleEditable = can.sample;

  return (
    <>
      <PageHead title={t.detail.title(d.prozessId)}>
        <StateBadge state={d.state} />
      </PageHead>
      <dl className="facts aus-facts" aria-label={t.detail.facts}>
        <div className="fact">
          <dt>{t.detail.prozessId}</dt>
          <dd className="mono">{d.prozessId}</dd>
        </div>
        <div className="fact">
          <dt>{t.detail.amt}</dt>
          <dd>{d.amtId}</dd>
        </div>
        <div className="fact">
          <dt>{t.detail.created}</dt>
          <dd>
            {formatDateTime(d.createdAt)} {t.detail.createdBy} {d.createdBy}
          </dd>
        </div>
      </dl>

      <div role="group" aria-label={t.detail.actions} className="aus-actions">
        {can.importMessage && (
          <form
            className="aus-import"
            aria-label={t.detail.importTitle}
            onSubmit={(e) => {
              e.preventDefault();
              void importMsg.run();
            }}
          >
            <div className="field field-inline">
              <label htmlFor={fileId} className="field-label">
                {t.detail.importFile}
              </label>
              <input
                ref={fileRef}
                id={fileId}
                type="file"
                accept=".xml,.zip,application/xml,text/xml,application/zip"
                aria-describedby={fileHintId}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </div>
            <button type="submit" className="btn" disabled={!file || importMsg.pending}>
              {importMsg.pending ? t.detail.importing : t.detail.importSubmit}
            </button>
            <p id={fileHintId} className="field-hint">
              {t.detail.importHint}
            </p>
          </form>
        )}
        <div className="aus-buttons">
          {can.sample && (
            <button type="button" className="btn" disabled={saveSample.pending} onClick={() => void saveSample.run()}>
              {t.detail.sampleSave}
            </button>
          )}
          {can.export && (
            <button type="button" className="btn btn-primary" disabled={exportPkg.pending} onClick={() => void exportPkg.run()}>
              {exportPkg.pending ? t.detail.exporting : t.detail.export}
            </button>
          )}
          {can.delete && (
            <button type="button" className="btn aus-danger" disabled={confirmDelete} onClick={() => setConfirmDelete(true)}>
              {t.detail.del}
            </button>
          )}
          {!can.importMessage && !can.sample && !can.export && !can.delete && <p className="muted">{t.detail.noActions}</p>}
        </div>
      </div>

      {importMsg.error && <ErrorNotice error={importMsg.error} onRetry={() => void importMsg.run()} />}
      {saveSample.error && <ErrorNotice error={saveSample.error} onRetry={() => void saveSample.run()} />}
      {exportPkg.error && <ErrorNotice error={exportPkg.error} onRetry={() => void exportPkg.run()} />}

      {confirmDelete && (
        <ActionPanel
          title={t.detail.delTitle}
          submitLabel={t.detail.delConfirm}
          pending={del.pending}
          error={del.error}
          onSubmit={() => void del.run()}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>{t.detail.delExplain}</p>
        </ActionPanel>
      )}

      {outcome && <OutcomeNotice outcome={outcome} />}

      {sampleEditable && <p className="hint">{t.detail.sampleHint}</p>}
      <div className="aus-scroll">
        <table className="table table-compact">
          <caption className="table-caption">{t.detail.appraisal}</caption>
          <thead>
            <tr>
              <th scope="col">{t.detail.aktenzeichen}</th>
              <th scope="col">{t.detail.hint}</th>
              <th scope="col">{t.detail.decision}</th>
              <th scope="col">{t.detail.chosen}</th>
              <th scope="col">{t.detail.importResult}</th>
              <th scope="col">{t.detail.hold}</th>
              <th scope="col">{t.detail.deletedCol}</th>
            </tr>
          </thead>
          <tbody>
            {d.objects.map((o) => (
              <tr key={o.akteUuid}>
                <td className="mono nowrap">
                  {o.deletedAt ? o.aktenzeichen : <a href={routeHref({ name: 'akte', uuid: o.akteUuid, vorgangUuid: null })}>{o.aktenzeichen}</a>}
                </td>
                <td>{o.archivalHint ? <HintBadge hint={o.archivalHint} /> : '–'}</td>
                <td>{o.decision ? <HintBadge hint={o.decision} /> : <span className="muted">{t.detail.undecided}</span>}</td>
                <td>
                  {sampleEditable && o.decision === 'B' ? (
                    <input
                      type="checkbox"
                      aria-label={t.detail.chooseSample(o.aktenzeichen)}
                      checked={sample.has(o.akteUuid)}
                      onChange={(e) =>
                        setSample((s) => {
                          const next = new Set(s);
                          if (e.target.checked) next.add(o.akteUuid);
                          else next.delete(o.akteUuid);
                          return next;
                        })
                      }
                    />
                  ) : o.selected ? (
                    t.detail.handedOver
                  ) : (
                    t.detail.notHanded
                  )}
                </td>
                <td>
                  {o.importOk === true
                    ? t.detail.importOk(o.archiveId)
                    : o.importOk === false
                      ? <span className="aus-bad">{t.detail.importFailed(o.importError)}</span>
                      : t.detail.importPending}
                </td>
                <td>{o.legalHold ? <span className="badge badge-hold">{o.legalHold}</span> : '–'}</td>
                <td className="nowrap">{o.deletedAt ? formatDateTime(o.deletedAt) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {files.length > 0 && <FilesTable files={files} />}

      <section className="aus-section" aria-labelledby="aus-messages">
        <h2 id="aus-messages" className="section-title">
          {t.detail.messages}
        </h2>
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t.detail.msgType}</th>
              <th scope="col">{t.detail.msgDirection}</th>
              <th scope="col">{t.detail.msgRecorded}</th>
            </tr>
          </thead>
          <tbody>
            {d.messages.map((m) => (
              <tr key={`${m.type}-${m.sha256}`}>
                <td className="mono">{m.type}</td>
                <td>{m.direction === 'out' ? t.detail.msgOut : t.detail.msgIn}</td>
                <td>{formatDateTime(m.recordedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="aus-section" aria-labelledby="aus-protocol">
        <h2 id="aus-protocol" className="section-title">
          {t.detail.protocol}
        </h2>
        <Loaded query={protocol}>
          {(entries) =>
            entries.length === 0 ? (
              <p className="empty-state">{t.detail.protocolNone}</p>
            ) : (
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">Nr.</th>
                    <th scope="col">{t.detail.aktenzeichen}</th>
                    <th scope="col">{t.detail.decision}</th>
                    <th scope="col">{t.detail.ground}</th>
                    <th scope="col">{t.detail.contents}</th>
                    <th scope="col">{t.detail.deletedAt}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.uuid}>
                      <td>{e.seq}</td>
                      <td className="mono nowrap">
                        {e.aktenzeichen}
                        <span className="small muted">zdA {formatDate(e.zdaAt)}</span>
                      </td>
                      <td>{e.decision}</td>
                      <td>
                        {t.detail.groundText[e.ground]}
                        {e.archiveId && <span className="small muted">{e.archiveId}</span>}
                      </td>
                      <td>{t.detail.contentsText(e.vorgaenge, e.documents)}</td>
                      <td className="nowrap">
                        {formatDateTime(e.deletedAt)}
                        <span className="small muted">
                          {t.detail.deletedBy} {e.deletedBy}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </section>
    </>
  );
}

function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case 'imported':
      return (
        <div className="notice notice-success" role="status">
          <p className="notice-text">{outcome.text}</p>
          {outcome.extra.map((x) => (
            <p key={x}>{x}</p>
          ))}
        </div>
      );
    case 'sample':
      return (
        <p className="notice notice-success" role="status">
          {t.detail.sampleSaved}
        </p>
      );
    case 'exported':
      return (
        <p className="notice notice-success" role="status">
          {t.detail.exported(outcome.path)}
        </p>
      );
    case 'deleted':
      return (
        <div className="notice notice-success" role="status">
          <p className="notice-text">{t.detail.delDone(outcome.count)}</p>
          {outcome.kept.length > 0 && (
            <table className="table table-compact">
              <caption className="table-caption">{t.detail.kept}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.detail.aktenzeichen}</th>
                  <th scope="col">{t.detail.reason}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.kept.map((k) => (
                  <tr key={k.akteUuid}>
                    <td className="mono nowrap">{k.aktenzeichen}</td>
                    <td>{k.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      );
  }
}

function FilesTable({ files }: { files: readonly FormatReportEntry[] }) {
  return (
    <section className="aus-section" aria-labelledby="aus-files">
      <h2 id="aus-files" className="section-title">
        {t.detail.files}
      </h2>
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">{t.detail.fileName}</th>
            <th scope="col">{t.detail.outcome}</th>
            <th scope="col">{t.detail.pdfa}</th>
            <th scope="col" className="align-right">
              {t.detail.size}
            </th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.versionUuid}>
              <td>
                {f.fileName}
                {f.reason && <span className="small muted">{f.reason}</span>}
              </td>
              <td className={f.outcome === 'not_conforming' ? 'aus-bad' : undefined}>{t.detail.outcomeText[f.outcome]}</td>
              <td>{f.pdfaVersion ?? '–'}</td>
              <td className="align-right nowrap">{formatSize(f.size)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
