import { useId, useMemo, useState } from 'react';
import type { ExpiringAkte } from '../../../../contract/methods/aussonderung';
import { useApi } from '../../../api/ApiProvider';
import { useCommand, useQuery } from '../../../api/use-query';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loaded } from '../../../components/Loaded';
import { SelectField } from '../../../components/SelectField';
import { formatDate } from '../../../i18n/format';
import { routeHref } from '../../../routing/routes';
import { t } from './texts';

/**
 * Akten whose retention has expired, one Amt at a time (an offer covers one Amt). Akten under a legal hold
 * or already in an Aussonderung are shown but cannot be chosen.
 */
export function ExpiringList({ onOffered }: { onOffered: () => void }) {
  const api = useApi();
  const query = useQuery(() => api.call('aussonderung.listExpiring', {}), []);
  return (
    <section className="panel aus-section" aria-labelledby="aus-expiring-title">
      <h2 id="aus-expiring-title" className="panel-title">
        {t.expiring.title}
      </h2>
      <Loaded query={query}>
        {(items) => (
          <ExpiringTable
            items={items}
            onOffered={() => {
              query.reload();
              onOffered();
            }}
          />
        )}
      </Loaded>
    </section>
  );
}

const offerable = (a: ExpiringAkte) => !a.legalHold && !a.prozessId;

export function ExpiringTable({ items, onOffered }: { items: readonly ExpiringAkte[]; onOffered: () => void }) {
  const api = useApi();
  const aemter = useMemo(() => [...new Set(items.map((a) => a.amtId))].sort(), [items]);
  const [chosenAmt, setAmt] = useState('');
  const amtId = aemter.includes(chosenAmt) ? chosenAmt : (aemter[0] ?? '');
  const rows = items.filter((a) => a.amtId === amtId);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selectable = rows.filter(offerable);
  const chosen = selectable.filter((a) => selected.has(a.uuid));
  const [done, setDone] = useState<{ prozessId: string; count: number; path: string } | null>(null);
  const statusId = useId();

  const offer = useCommand(async () => {
    const r = await api.call('aussonderung.createOffer', { amtId, akteUuids: chosen.map((a) => a.uuid) });
    setDone({ prozessId: r.aussonderung.prozessId, count: r.aussonderung.akten, path: r.offer.path });
    setSelected(new Set());
    onOffered();
  });

  const toggle = (uuid: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(uuid);
      else next.delete(uuid);
      return next;
    });
  const allOn = selectable.length > 0 && chosen.length === selectable.length;

  return (
    <>
      {done && (
        <div className="notice notice-success" role="status">
          <p className="notice-text">{t.expiring.offeredDone(done.count, done.path)}</p>
          <p>
            <a href={routeHref({ name: 'archiv.aussonderung', prozessId: done.prozessId })}>{t.expiring.openOffered}</a>
          </p>
        </div>
      )}
      {aemter.length === 0 ? (
        <p className="empty-state">{t.expiring.none}</p>
      ) : (
        <>
          <div className="toolbar">
            <SelectField
              inline
              label={t.expiring.amt}
              value={amtId}
              onChange={(v) => {
                setAmt(v);
                setSelected(new Set());
              }}
            >
              {aemter.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </SelectField>
            <div className="toolbar-end">
              <span id={statusId} className="muted aus-count" aria-live="polite">
                {t.expiring.selected(chosen.length)}
              </span>
              <button
                type="button"
                className="btn btn-primary"
                disabled={chosen.length === 0 || offer.pending}
                aria-describedby={statusId}
                onClick={() => void offer.run()}
              >
                {offer.pending ? t.expiring.offering : t.expiring.offer}
              </button>
            </div>
          </div>
          {offer.error && <ErrorNotice error={offer.error} onRetry={() => void offer.run()} />}
          <div className="aus-scroll">
            <table className="table table-compact">
              <caption className="table-caption">{t.expiring.caption(amtId)}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t.expiring.selectAll}
                      checked={allOn}
                      disabled={selectable.length === 0}
                      onChange={(e) => setSelected(e.target.checked ? new Set(selectable.map((a) => a.uuid)) : new Set())}
                    />
                  </th>
                  <th scope="col">{t.expiring.aktenzeichen}</th>
                  <th scope="col">{t.expiring.titleCol}</th>
                  <th scope="col">{t.expiring.zda}</th>
                  <th scope="col">{t.expiring.expires}</th>
                  <th scope="col">{t.expiring.hint}</th>
                  <th scope="col">{t.expiring.status}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.uuid} className={a.legalHold ? 'aus-row-hold' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t.expiring.selectOne(a.aktenzeichen)}
                        checked={selected.has(a.uuid)}
                        disabled={!offerable(a)}
                        onChange={(e) => toggle(a.uuid, e.target.checked)}
                      />
                    </td>
                    <td className="mono nowrap">
                      <a href={routeHref({ name: 'akte', uuid: a.uuid, vorgangUuid: null })}>{a.aktenzeichen}</a>
                    </td>
                    <td>
                      {a.title}
                      <span className="small muted">
                        {a.aktenplanNumber} {a.aktenplanTitle} · {a.retentionYears} Jahre
                      </span>
                    </td>
                    <td className="nowrap">{formatDate(a.zdaAt)}</td>
                    <td className="nowrap">{formatDate(a.expiresOn)}</td>
                    <td>{a.archivalHint ? <HintBadge hint={a.archivalHint} /> : '–'}</td>
                    <td>
                      {a.legalHold ? (
                        <span className="badge badge-hold">
                          {t.expiring.hold}: {a.legalHold}
                        </span>
                      ) : a.prozessId ? (
                        <a href={routeHref({ name: 'archiv.aussonderung', prozessId: a.prozessId })}>{t.expiring.offered}</a>
                      ) : (
                        <span className="muted">{t.expiring.offerable}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

export function HintBadge({ hint }: { hint: 'A' | 'B' | 'V' }) {
  return (
    <span className={`badge aus-hint aus-hint-${hint}`} title={t.hintText[hint]}>
      {hint}
      <span className="visually-hidden"> ({t.hintText[hint]})</span>
    </span>
  );
}
