import { useCallback } from 'react';
import type { MethodInput } from '../../../contract/methods';
import type { AkteSummary } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loaded';
import { AkteStatusBadge } from '../../components/StatusBadge';
import { usePagedList } from '../../components/use-paged-list';
import { useRecordsChanged } from '../../components/use-records-changed';
import { VirtualList } from '../../components/VirtualList';
import { de } from '../../i18n/de';
import { formatDate, formatNumber } from '../../i18n/format';
import { routeHref } from '../../routing/routes';

export type AktenFilter = Omit<MethodInput<'akten.list'>, 'limit' | 'offset'>;

const ROW = 38;

/** Akten for a filter, windowed and paged; Enter or click opens the Akte. */
export function AktenList({ filter, label }: { filter: AktenFilter; label: string }) {
  const api = useApi();
  const key = JSON.stringify(filter);
  const list = usePagedList((offset, limit) => api.call('akten.list', { ...filter, offset, limit }), [key]);
  useRecordsChanged(list.reload, ['akte', 'document']);
  const open = useCallback((a: AkteSummary) => {
    window.location.hash = routeHref({ name: 'akte', uuid: a.uuid, vorgangUuid: null });
  }, []);
  if (list.error) return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (list.total === null) return <Loading />;
  return (
    <div className="list-block">
      <p className="list-count" role="status">
        {de.list.count(formatNumber(list.total))}
      </p>
      <VirtualList
        key={key}
        fill
        label={label}
        count={list.total}
        rowHeight={ROW}
        item={list.item}
        itemKey={(a) => a.uuid}
        onRangeChange={list.ensureRange}
        onOpen={open}
        header={
          <div className="cols cols-akten">
            <span>{de.akten.columns.aktenzeichen}</span>
            <span>{de.akten.columns.title}</span>
            <span>{de.akten.columns.status}</span>
            <span className="align-right">{de.akten.columns.documents}</span>
            <span>{de.akten.columns.opened}</span>
          </div>
        }
        renderItem={(a) => (
          <div className="cols cols-akten">
            <span className="mono">{a.aktenzeichen}</span>
            <span className="cell-strong">{a.title}</span>
            <span>
              <AkteStatusBadge status={a.status} />
            </span>
            <span className="align-right">{a.documentCount}</span>
            <span className="nowrap">{formatDate(a.openedAt)}</span>
          </div>
        )}
      />
    </div>
  );
}
