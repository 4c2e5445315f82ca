import type { Wiedervorlage } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useCommand } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { de } from '../../i18n/de';
import { formatDate, formatDateTime, localToday } from '../../i18n/format';
import { routeHref } from '../../routing/routes';

interface Props {
  items: readonly Wiedervorlage[];
  onChanged: () => void;
  /** Off inside an Akte, where the target is obvious. */
  showTarget: boolean;
  caption?: string;
}

export function WiedervorlageTable({ items, onChanged, showTarget, caption }: Props) {
  const api = useApi();
  const complete = useCommand(async (uuid: string) => {
    await api.call('wiedervorlagen.complete', { uuid });
    onChanged();
  });
  const today = localToday();
  if (items.length === 0) return <p className="empty-state">{de.wiedervorlagen.none}</p>;
  return (
    <>
      {complete.error && <ErrorNotice error={complete.error} />}
      <table className="table">
        {caption && <caption className="table-caption">{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">{de.wiedervorlagen.due}</th>
            {showTarget && <th scope="col">{de.wiedervorlagen.target}</th>}
            <th scope="col">{de.wiedervorlagen.note}</th>
            <th scope="col">
              <span className="visually-hidden">{de.wiedervorlagen.done}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((w) => {
            const target = w.aktenzeichen ?? de.wiedervorlagen.document;
            return (
              <tr key={w.uuid} className={!w.doneAt && w.dueDate < today ? 'row-overdue' : undefined}>
                <td className="nowrap">
                  {formatDate(w.dueDate)}
                  {!w.doneAt && w.dueDate < today && <span className="badge badge-overdue">{de.wiedervorlagen.overdue}</span>}
                </td>
                {showTarget && (
                  <td>
                    {w.akteUuid ? (
                      <a className="mono" href={routeHref({ name: 'akte', uuid: w.akteUuid, vorgangUuid: null })}>
                        {w.aktenzeichen}
                      </a>
                    ) : w.handedOnTo ? (
                      de.wiedervorlagen.handedOn(w.handedOnTo)
                    ) : w.documentUuid ? (
                      <a href={routeHref({ name: 'document', uuid: w.documentUuid })}>{de.wiedervorlagen.document}</a>
                    ) : (
                      '–'
                    )}
                  </td>
                )}
                <td className="note-cell">{w.note || '–'}</td>
                <td className="nowrap align-right">
                  {w.doneAt ? (
                    <span className="muted small">
                      {w.handedOnTo ? de.wiedervorlagen.handedOn(w.handedOnTo) : de.wiedervorlagen.done} {formatDateTime(w.doneAt)}
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={complete.pending}
                      aria-label={de.wiedervorlagen.completeLabel(`${formatDate(w.dueDate)} ${target}`)}
                      onClick={() => void complete.run(w.uuid)}
                    >
                      {de.wiedervorlagen.complete}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
