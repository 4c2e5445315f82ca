import { useState } from 'react';
import type { AutoFiledDocument } from '../../../contract/methods/classify';
import { useApi } from '../../api/ApiProvider';
import { useCommand } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../i18n/format';
import { routeHref } from '../../routing/routes';
import { formatConfidence, pe } from './posteingang-de';

const reasons = (d: AutoFiledDocument) =>
  d.reasons.map((r) => (r.kind === 'reference' ? `${pe.referenceType[r.type] ?? r.type} ${r.value}` : r.word)).join(' · ');

/** Documents the Amt's rule filed automatically; each can be sent back to the Posteingang in one step. */
export function PosteingangAutoFiled({ items, onUndone }: { items: readonly AutoFiledDocument[]; onUndone: () => void }) {
  const api = useApi();
  const [undone, setUndone] = useState<string | null>(null);
  const undo = useCommand(async (d: AutoFiledDocument) => {
    await api.call('classify.undoAutoFiling', { uuid: d.documentUuid });
    setUndone(d.title);
    onUndone();
  });
  return (
    <section aria-labelledby="auto-filed-title">
      <h2 id="auto-filed-title" className="section-title">
        {pe.autoFiledTitle}
      </h2>
      {undone && (
        <p className="notice notice-success" role="status">
          {pe.undone(undone)}
        </p>
      )}
      {undo.error && <ErrorNotice error={undo.error} />}
      {items.length === 0 ? (
        <p className="empty-state">{pe.autoFiledEmpty}</p>
      ) : (
        <ul className="auto-filed-list">
          {items.map((d) => (
            <li key={d.documentUuid} className="auto-filed">
              <span className="row2-main">
                <a className="cell-strong" href={routeHref({ name: 'document', uuid: d.documentUuid })}>
                  {d.title}
                </a>
              </span>
              <span className="row2-meta">{pe.autoFiledMeta(d.aktenzeichen, formatConfidence(d.confidence), formatDateTime(d.filedAt))}</span>
              <span className="row2-meta">
                {pe.reasonsLabel}: {reasons(d)}
              </span>
              <button
                type="button"
                className="btn btn-small"
                aria-label={pe.undoLabel(d.title)}
                disabled={undo.pending}
                onClick={() => void undo.run(d)}
              >
                {pe.undo}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
