import type { Akte, Vorgang } from '../../../contract/schemas/records';
import { de } from '../../i18n/de';
import { routeHref } from '../../routing/routes';
import { DocumentList } from './DocumentList';

/** Vorgänge of an Akte on the left, the Dokumente of the selected one on the right. */
export function VorgaengeView({ akte, selected }: { akte: Akte; selected: Vorgang | null }) {
  if (akte.vorgaenge.length === 0) return <p className="empty-state">{de.akte.noVorgaenge}</p>;
  return (
    <div className="split">
      <nav className="vorgang-nav" aria-label={de.akte.vorgaenge}>
        <ul>
          {akte.vorgaenge.map((v) => (
            <li key={v.uuid}>
              <a
                className="vorgang-link"
                href={routeHref({ name: 'akte', uuid: akte.uuid, vorgangUuid: v.uuid })}
                aria-current={v.uuid === selected?.uuid ? 'true' : undefined}
              >
                <span className="mono small">{v.aktenzeichen}</span>
                <span className="vorgang-title">{v.title}</span>
                <span className="small muted">{de.akte.documentCount(v.documentCount)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section className="split-main" aria-labelledby="vorgang-docs-title">
        <h3 id="vorgang-docs-title" className="section-title">
          {de.akte.documents}
          {selected && <span className="muted"> · {selected.title}</span>}
        </h3>
        {selected ? <DocumentList key={selected.uuid} vorgangUuid={selected.uuid} label={`${de.akte.documents} ${selected.aktenzeichen}`} /> : <p>{de.akte.chooseVorgang}</p>}
      </section>
    </div>
  );
}
