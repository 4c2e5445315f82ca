import { useCallback } from 'react';
import type { DocumentSummary } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loaded';
import { usePagedList } from '../../components/use-paged-list';
import { useRecordsChanged } from '../../components/use-records-changed';
import { SyncBadge } from '../../components/SyncBadge';
import { VirtualList } from '../../components/VirtualList';
import { de } from '../../i18n/de';
import { formatDate } from '../../i18n/format';
import { routeHref } from '../../routing/routes';

const ROW = 52;

/** The documents of one Vorgang, windowed and paged (large enforcement cases run to thousands). */
export function DocumentList({ vorgangUuid, label }: { vorgangUuid: string; label: string }) {
  const api = useApi();
  const list = usePagedList((offset, limit) => api.call('documents.list', { vorgangUuid, offset, limit }), [vorgangUuid]);
  useRecordsChanged(list.reload, ['document']);
  const open = useCallback((d: DocumentSummary) => {
    window.location.hash = routeHref({ name: 'document', uuid: d.uuid });
  }, []);
  if (list.error) return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (list.total === null) return <Loading />;
  return (
    <VirtualList
      label={label}
      count={list.total}
      rowHeight={ROW}
      item={list.item}
      itemKey={(d) => d.uuid}
      onRangeChange={list.ensureRange}
      onOpen={open}
      emptyText={de.documents.none}
      renderItem={(d) => (
        <div className="row2">
          <span className="row2-main">
            <span className="cell-strong">{d.title}</span>
            <SyncBadge uuid={d.uuid} />
            <span className="row2-amt">{formatDate(d.documentDate ?? d.receivedAt)}</span>
          </span>
          <span className="row2-meta">
            {d.docType ?? '–'} · {d.sender ?? '–'}
          </span>
        </div>
      )}
    />
  );
}
