import { useId, useState } from 'react';
import type { Mitzeichnung } from '../../../contract/schemas/workspace';
import { useApi } from '../../api/ApiProvider';
import { useCommand, useQuery } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loaded } from '../../components/Loaded';
import { useRecordsChanged } from '../../components/use-records-changed';
import { de } from '../../i18n/de';
import { formatDate } from '../../i18n/format';
import { routeHref } from '../../routing/routes';

/** One open request: the document, who asked, and the decision with an optional (for rejection required) comment. */
function Request({ item, onDecided }: { item: Mitzeichnung; onDecided: () => void }) {
  const api = useApi();
  const id = useId();
  const [comment, setComment] = useState('');
  const decide = useCommand(async (decision: 'mitgezeichnet' | 'abgelehnt') => {
    await api.call('mitzeichnungen.decide', { uuid: item.uuid, decision, comment });
    onDecided();
  });
  return (
    <li className="mitzeichnung">
      <a href={routeHref({ name: 'document', uuid: item.documentUuid })}>
        <span className="link-title">{item.documentTitle}</span>
      </a>
      <span className="small muted">
        <span className="mono">{item.aktenzeichen ?? '–'}</span> · {de.mitzeichnungen.from} {item.requestedBy}
        , {formatDate(item.createdAt)}
      </span>
      {item.note && (
        <p className="small">
          {de.mitzeichnungen.note}: {item.note}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-comment`} className="field-label">
          {de.mitzeichnungen.comment}
        </label>
        <textarea
          id={`${id}-comment`}
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      {decide.error && <ErrorNotice error={decide.error} />}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={decide.pending}
          onClick={() => void decide.run('mitgezeichnet')}
        >
          {de.mitzeichnungen.approve}
        </button>
        <button
          type="button"
          className="btn"
          disabled={decide.pending}
          onClick={() => void decide.run('abgelehnt')}
        >
          {de.mitzeichnungen.reject}
        </button>
      </div>
    </li>
  );
}

/** What became of the requests the clerk sent: status and the colleague's comment. */
function Requested({ items }: { items: readonly Mitzeichnung[] }) {
  return (
    <>
      <h3 className="section-title">{de.mitzeichnungen.requested}</h3>
      {items.length === 0 ? (
        <p className="empty-state">{de.mitzeichnungen.noneRequested}</p>
      ) : (
        <ul className="link-list">
          {items.map((m) => (
            <li key={m.uuid}>
              <a href={routeHref({ name: 'document', uuid: m.documentUuid })}>
                <span className="link-title">{m.documentTitle}</span>
                <span className="small muted">
                  {m.addressee}: <strong>{de.mitzeichnungen.status[m.status]}</strong>
                  {m.comment && ` – ${m.comment}`}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Requests to co-sign addressed to the current clerk, and those the clerk sent; refreshed when anyone asks or decides. */
export function MitzeichnungenPanel() {
  const api = useApi();
  const open = useQuery(() => api.call('mitzeichnungen.list', { scope: 'mine', status: 'offen' }), []);
  const sent = useQuery(() => api.call('mitzeichnungen.list', { scope: 'requested' }), []);
  useRecordsChanged(open.reload, ['mitzeichnung']);
  useRecordsChanged(sent.reload, ['mitzeichnung']);
  return (
    <section className="panel" aria-labelledby="mz-title">
      <h2 id="mz-title" className="panel-title">
        {de.mitzeichnungen.title}
      </h2>
      <Loaded query={open}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty-state">{de.mitzeichnungen.none}</p>
          ) : (
            <ul className="link-list">
              {list.map((m) => (
                <Request key={m.uuid} item={m} onDecided={open.reload} />
              ))}
            </ul>
          )
        }
      </Loaded>
      <Loaded query={sent}>{(list) => <Requested items={list.slice(0, 8)} />}</Loaded>
    </section>
  );
}
