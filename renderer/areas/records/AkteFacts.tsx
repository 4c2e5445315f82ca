import type { Akte } from '../../../contract/schemas/records';
import { Facts } from '../../components/Facts';
import { AkteStatusBadge } from '../../components/StatusBadge';
import { de } from '../../i18n/de';
import { formatDate } from '../../i18n/format';

export function AkteFacts({ akte }: { akte: Akte }) {
  return (
    <>
      <section className="panel" aria-labelledby="akte-facts-title">
        <h2 id="akte-facts-title" className="panel-title">
          {de.akte.facts}
        </h2>
        <Facts
          items={[
            [de.akte.aktenzeichen, <span className="mono">{akte.aktenzeichen}</span>],
            [de.akte.status, <AkteStatusBadge status={akte.status} />],
            [de.akte.amt, de.amt(akte.amtId)],
            [de.akte.aktenplan, `${akte.aktenplanNumber} ${akte.aktenplanTitle}`],
            [de.akte.openedAt, formatDate(akte.openedAt)],
            [de.akte.zdaAt, formatDate(akte.zdaAt)],
            [de.akte.retention, de.akten.retention(akte.retentionYears)],
            [de.akte.archivalHint, akte.archivalHint ? de.akten.archivalHint[akte.archivalHint] : '–'],
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="akte-persons-title">
        <h2 id="akte-persons-title" className="panel-title">
          {de.akte.persons}
        </h2>
        {akte.persons.length === 0 ? (
          <p className="empty-state">{de.akte.noPersons}</p>
        ) : (
          <ul className="person-list">
            {akte.persons.map((p, i) => (
              <li key={i}>
                <span className="person-name">{p.name}</span>
                <span className="person-meta">
                  {p.role}
                  {p.birthDate && ` · ${de.akte.personBirth} ${formatDate(p.birthDate)}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
