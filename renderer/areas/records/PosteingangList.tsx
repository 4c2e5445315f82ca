import { useCallback, useState } from 'react';
import type { DocumentSummary } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loaded';
import { usePagedList } from '../../components/use-paged-list';
import { useRecordsChanged } from '../../components/use-records-changed';
import { VirtualList } from '../../components/VirtualList';
import { de } from '../../i18n/de';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useUser } from '../../session/SessionProvider';
import { AssignAmtForm } from './AssignAmtForm';

const ROW = 52;

interface Props {
  amtId?: string;
  selectedUuid?: string | null;
  onOpen?: (d: DocumentSummary) => void;
  /** Bumped after a document was filed, to reload. */
  revision?: number;
}

/**
 * Incoming documents, newest first; two-line rows with sender, channel, Eingangsdatum and Amt. For the post
 * room (which opens no content) opening a row offers to hand the document to an Amt.
 */
export function PosteingangList({ amtId, selectedUuid, onOpen, revision = 0 }: Props) {
  const api = useApi();
  const user = useUser();
  const list = usePagedList(
    (offset, limit) => api.call('posteingang.list', { amtId, offset, limit }),
    [amtId, revision],
  );
  useRecordsChanged(list.reload, ['document']);
  const key = useCallback((d: DocumentSummary) => d.uuid, []);
  const [assigning, setAssigning] = useState<DocumentSummary | null>(null);
  const mayAssign = !onOpen && user.grants.some((g) => g.role === 'poststelle');
  if (list.error) return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (list.total === null) return <Loading />;
  return (
    <div className="list-block">
      {assigning && (
        <AssignAmtForm
          key={assigning.uuid}
          document={assigning}
          onCancel={() => setAssigning(null)}
          onDone={() => {
            setAssigning(null);
            list.reload();
          }}
        />
      )}
      <p className="list-count" role="status">
        {de.list.count(formatNumber(list.total))}
      </p>
      <VirtualList
        key={amtId ?? 'all'}
        fill
        label={de.posteingang.listLabel}
        count={list.total}
        rowHeight={ROW}
        item={list.item}
        itemKey={key}
        selectedKey={selectedUuid ?? null}
        onRangeChange={list.ensureRange}
        onOpen={onOpen ?? (mayAssign ? setAssigning : undefined)}
        renderItem={(d) => (
          <div className="row2">
            <span className="row2-main">
              <span className="cell-strong">{d.title}</span>
              <span className="row2-amt">{d.amtId ? de.amt(d.amtId) : de.posteingang.unassigned}</span>
            </span>
            <span className="row2-meta">
              {formatDateTime(d.receivedAt)} · {d.channel ? de.channel[d.channel] : '–'} · {d.sender ?? '–'}
              {d.docType && ` · ${d.docType}`}
            </span>
          </div>
        )}
      />
    </div>
  );
}
