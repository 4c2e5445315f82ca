import { useCallback } from 'react';
import type { ProposalSummary } from '../../../contract/methods/classify';
import type { DocumentSummary } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loaded';
import { usePagedList } from '../../components/use-paged-list';
import { VirtualList } from '../../components/VirtualList';
import { de } from '../../i18n/de';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { formatConfidence, pe } from './posteingang-de';

const ROW = 72;

interface Row {
  doc: DocumentSummary;
  proposal: ProposalSummary | null;
}

function proposalLine(p: ProposalSummary | null): string {
  if (!p?.top) return pe.noProposal;
  if (p.needsReview) return pe.needsReview;
  const reason = p.top.reasons.find((r) => r.kind === 'reference');
  const why = reason?.kind === 'reference' ? ` (${pe.referenceType[reason.type] ?? reason.type} ${reason.value})` : '';
  return pe.rowProposal(`${p.top.aktenzeichen ?? p.top.aktenplanNumber}${why}`, formatConfidence(p.top.confidence));
}

/** The clerk's incoming documents, newest first, each with its stored top proposal and the reason for it. */
export function PosteingangQueue({ selectedUuid, onOpen, revision }: { selectedUuid: string | null; onOpen: (d: DocumentSummary) => void; revision: number }) {
  const api = useApi();
  const list = usePagedList<Row>(async (offset, limit) => {
    const page = await api.call('posteingang.list', { offset, limit });
    const proposals = page.items.length ? await api.call('classify.proposals', { uuids: page.items.map((d) => d.uuid) }) : [];
    const byUuid = new Map(proposals.map((p) => [p.documentUuid, p]));
    return { total: page.total, items: page.items.map((doc) => ({ doc, proposal: byUuid.get(doc.uuid) ?? null })) };
  }, [revision]);
  const key = useCallback((r: Row) => r.doc.uuid, []);
  if (list.error) return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (list.total === null) return <Loading />;
  return (
    <div className="list-block">
      <p className="list-count" role="status">
        {de.list.count(formatNumber(list.total))}
      </p>
      <VirtualList
        fill
        label={de.posteingang.listLabel}
        count={list.total}
        rowHeight={ROW}
        item={list.item}
        itemKey={key}
        selectedKey={selectedUuid}
        onRangeChange={list.ensureRange}
        onOpen={(r) => onOpen(r.doc)}
        renderItem={({ doc, proposal }) => (
          <div className="row2">
            <span className="row2-main">
              <span className="cell-strong">{doc.title}</span>
            </span>
            <span className="row2-meta">
              {formatDateTime(doc.receivedAt)} · {doc.sender ?? '–'}
            </span>
            <span className={proposal?.needsReview ? 'row2-meta proposal-review' : 'row2-meta proposal-line'}>{proposalLine(proposal)}</span>
          </div>
        )}
      />
    </div>
  );
}
