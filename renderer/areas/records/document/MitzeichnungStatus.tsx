import { useId, useState } from 'react';
import type { Mitzeichnung } from '../../../../contract/schemas/workspace';
import { useApi } from '../../../api/ApiProvider';
import { useQuery } from '../../../api/use-query';
import { Facts } from '../../../components/Facts';
import { Loaded } from '../../../components/Loaded';
import { useRecordsChanged } from '../../../components/use-records-changed';
import { de } from '../../../i18n/de';
import { formatDateTime } from '../../../i18n/format';
import { MitzeichnungForm } from '../MitzeichnungForm';
import { t } from './texts';
import './document.css';

function Request({ m }: { m: Mitzeichnung }) {
  return (
    <li className={`mitzeichnung mitzeichnung-${m.status}`}>
      <span className="version-head">
        <span className="cell-strong">{t.mitzeichnung.request(m.requestedBy, m.addressee)}</span>
        <span className={`badge badge-mz-${m.status}`}>{t.mitzeichnung.status[m.status]}</span>
      </span>
      <Facts
        items={[
          [t.mitzeichnung.requestedAt, formatDateTime(m.createdAt)],
          ...(m.note ? [[t.mitzeichnung.note, m.note] as [string, string]] : []),
          ...(m.decidedAt ? [[t.mitzeichnung.decidedAt, formatDateTime(m.decidedAt)] as [string, string]] : []),
          ...(m.comment ? [[m.status === 'abgelehnt' ? t.mitzeichnung.reason : t.mitzeichnung.comment, m.comment] as [string, string]] : []),
        ]}
      />
    </li>
  );
}

/**
 * Who asked whom to co-sign this document and what became of it (newest first), following requests and
 * decisions as they happen; the clerk may ask a colleague here too.
 */
export function MitzeichnungStatus({ documentUuid, mayRequest }: { documentUuid: string; mayRequest: boolean }) {
  const api = useApi();
  const titleId = useId();
  const [asking, setAsking] = useState(false);
  const list = useQuery(() => api.call('mitzeichnungen.list', { scope: 'document', documentUuid }), [documentUuid]);
  useRecordsChanged(list.reload, ['mitzeichnung']);
  if (asking && mayRequest) {
    return (
      <MitzeichnungForm
        documentUuid={documentUuid}
        onCancel={() => setAsking(false)}
        onDone={() => {
          setAsking(false);
          list.reload();
        }}
      />
    );
  }
  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 id={titleId} className="panel-title">
          {t.mitzeichnung.title}
        </h2>
        {mayRequest && (
          <button type="button" className="btn btn-small" onClick={() => setAsking(true)}>
            {de.caseWork.mitzeichnung}
          </button>
        )}
      </div>
      <Loaded query={list}>
        {(items) =>
          items.length === 0 ? (
            <p className="empty-state">{t.mitzeichnung.none}</p>
          ) : (
            <ol className="version-list">
              {items.map((m) => (
                <Request key={m.uuid} m={m} />
              ))}
            </ol>
          )
        }
      </Loaded>
    </section>
  );
}
