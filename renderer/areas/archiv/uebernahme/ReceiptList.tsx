import type { ArchivReceiptSummary } from '../../../../contract/methods/archiv';
import type { QueryState } from '../../../api/use-query';
import { Loaded } from '../../../components/Loaded';
import { formatDateTime } from '../../../i18n/format';
import { routeHref } from '../../../routing/routes';
import { IngestBadge } from './IngestBadge';
import { t } from './texts';

/** Every receipt, newest first, with its check result and where it stands. */
export function ReceiptList({ query }: { query: QueryState<ArchivReceiptSummary[]> }) {
  return (
    <section className="panel ingest-section" aria-labelledby="ingest-list-title">
      <h2 id="ingest-list-title" className="panel-title">
        {t.list.title}
      </h2>
      <Loaded query={query}>
        {(items) =>
          items.length === 0 ? (
            <p className="empty-state">{t.list.none}</p>
          ) : (
            <div className="ingest-scroll">
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t.list.source}</th>
                    <th scope="col">{t.list.received}</th>
                    <th scope="col">{t.list.status}</th>
                    <th scope="col">{t.list.objects}</th>
                    <th scope="col">{t.list.confirmation}</th>
                    <th scope="col">{t.list.submission}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => (
                    <tr key={r.receiptId}>
                      <td>
                        <a href={routeHref({ name: 'archiv.uebernahme', receiptId: r.receiptId })}>
                          {r.sourceName}
                        </a>
                        {r.prozessId && <span className="small muted mono">{r.prozessId}</span>}
                      </td>
                      <td className="nowrap">
                        {formatDateTime(r.receivedAt)}
                        <span className="small muted">{r.receivedBy}</span>
                      </td>
                      <td>
                        {r.refused ? (
                          <span className="badge ingest-status ingest-error">{t.list.refused}</span>
                        ) : (
                          <IngestBadge status={r.status} />
                        )}
                      </td>
                      <td>{t.list.counts(r.counts.akten, r.counts.dokumente, r.counts.primaerdateien)}</td>
                      <td>
                        {r.confirmation
                          ? r.confirmation.accepted
                            ? t.list.accepted
                            : t.list.rejected
                          : t.list.open}
                      </td>
                      <td>{r.submission ? t.list.packaged : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
