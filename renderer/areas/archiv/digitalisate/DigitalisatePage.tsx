import { useId, useState } from 'react';
import type { DigitalisatFields, DigitalisatSummary } from '../../../../contract/methods/digitalisate';
import { useApi } from '../../../api/ApiProvider';
import { useCommand, useQuery, type QueryState } from '../../../api/use-query';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loaded } from '../../../components/Loaded';
import { PageHead } from '../../../components/PageHead';
import { routeHref } from '../../../routing/routes';
import { navigate } from '../../../routing/use-route';
import { UnitDetail } from './UnitDetail';
import { t } from './texts';
import '../uebernahme/uebernahme.css';

/** The archive's own scanned holdings: create a unit and see all of them, or one unit in detail. */
export function DigitalisatePage({ unitId }: { unitId: string | null }) {
  if (unitId) return <UnitDetail unitId={unitId} />;
  return <Overview />;
}

function Overview() {
  const api = useApi();
  const list = useQuery(() => api.call('digitalisate.list', {}), []);
  return (
    <div className="page">
      <PageHead title={t.title} intro={t.intro} />
      <CreateUnitForm />
      <UnitList query={list} />
    </div>
  );
}

const FIELDS = ['bestand', 'signatur', 'titel', 'laufzeit', 'provenienz'] as const;
const EMPTY: DigitalisatFields = { bestand: '', signatur: '', titel: '', laufzeit: '', provenienz: '' };

function CreateUnitForm() {
  const api = useApi();
  const [fields, setFields] = useState<DigitalisatFields>(EMPTY);
  const id = useId();
  const create = useCommand(async () => {
    const unit = await api.call('digitalisate.createUnit', fields);
    navigate({ name: 'archiv.digitalisate', unitId: unit.unitId });
  });
  const complete = FIELDS.every((f) => fields[f].trim());
  return (
    <section className="panel ingest-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {t.create.title}
      </h2>
      <form
        className="ingest-form"
        aria-label={t.create.title}
        onSubmit={(e) => {
          e.preventDefault();
          void create.run();
        }}
      >
        {FIELDS.map((f) => (
          <label key={f} className="field">
            <span className="field-label">{t.fields[f]}</span>
            <input
              type="text"
              required
              value={fields[f]}
              placeholder={f === 'laufzeit' ? t.create.laufzeitHint : undefined}
              onChange={(e) => setFields({ ...fields, [f]: e.target.value })}
            />
          </label>
        ))}
        <button type="submit" className="btn btn-primary" disabled={!complete || create.pending}>
          {t.create.submit}
        </button>
        {create.error && <ErrorNotice error={create.error} onRetry={() => void create.run()} />}
      </form>
    </section>
  );
}

function UnitList({ query }: { query: QueryState<DigitalisatSummary[]> }) {
  const id = useId();
  return (
    <section className="panel ingest-section" aria-labelledby={id}>
      <h2 id={id} className="panel-title">
        {t.list.title}
      </h2>
      <Loaded query={query}>
        {(units) =>
          units.length === 0 ? (
            <p className="empty-state">{t.list.none}</p>
          ) : (
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t.fields.bestand}</th>
                  <th scope="col">{t.fields.signatur}</th>
                  <th scope="col">{t.fields.titel}</th>
                  <th scope="col">{t.fields.laufzeit}</th>
                  <th scope="col">{t.list.pages}</th>
                  <th scope="col">{t.list.packaged}</th>
                </tr>
              </thead>
              <tbody>
                {units.map((u) => (
                  <tr key={u.unitId}>
                    <td>{u.bestand}</td>
                    <td>
                      <a href={routeHref({ name: 'archiv.digitalisate', unitId: u.unitId })}>{u.signatur}</a>
                    </td>
                    <td>{u.titel}</td>
                    <td>{u.laufzeit}</td>
                    <td>{u.pageCount}</td>
                    <td>{u.submission ? '✓' : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
