import type { Amt } from '../../../contract/schemas/identity';
import { de } from '../../i18n/de';
import type { SearchRouteParams } from '../../routing/routes';
import { SelectField } from '../../components/SelectField';

interface SearchFiltersProps {
  params: SearchRouteParams;
  aemter: readonly Amt[];
  /** Document types seen in the results so far, offered as suggestions. */
  docTypes: readonly string[];
  onChange: (next: SearchRouteParams) => void;
}

export function SearchFilters({ params, aemter, docTypes, onChange }: SearchFiltersProps) {
  const set = <K extends keyof SearchRouteParams>(key: K, value: SearchRouteParams[K] | '') =>
    onChange({ ...params, [key]: value === '' ? undefined : value });
  const active = params.amtId || params.status || params.docType || params.dateFrom || params.dateTo;
  return (
    <fieldset className="filters">
      <legend className="visually-hidden">{de.search.filtersLabel}</legend>
      <SelectField inline label={de.search.amt} value={params.amtId ?? ''} onChange={(v) => set('amtId', v)}>
        <option value="">{de.search.anyAmt}</option>
        {aemter.map((a) => (
          <option key={a.id} value={a.id}>
            {a.id} {a.name}
          </option>
        ))}
      </SelectField>
      <SelectField inline label={de.search.status} value={params.status ?? ''} onChange={(v) => set('status', v as SearchRouteParams['status'] | '')}>
        <option value="">{de.search.anyStatus}</option>
        <option value="eingang">{de.documentStatus.eingang}</option>
        <option value="abgelegt">{de.documentStatus.abgelegt}</option>
      </SelectField>
      <label className="field field-inline">
        <span className="field-label">{de.search.docType}</span>
        <input list="search-doctypes" value={params.docType ?? ''} onChange={(e) => set('docType', e.target.value)} />
        <datalist id="search-doctypes">
          {docTypes.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </label>
      <label className="field field-inline">
        <span className="field-label">{de.search.dateFrom}</span>
        <input type="date" value={params.dateFrom ?? ''} onChange={(e) => set('dateFrom', e.target.value)} />
      </label>
      <label className="field field-inline">
        <span className="field-label">{de.search.dateTo}</span>
        <input type="date" value={params.dateTo ?? ''} onChange={(e) => set('dateTo', e.target.value)} />
      </label>
      {active && (
        <button type="button" className="btn btn-link" onClick={() => onChange({ q: params.q })}>
          {de.search.resetFilters}
        </button>
      )}
    </fieldset>
  );
}
