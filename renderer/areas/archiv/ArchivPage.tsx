import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { PageHead } from '../../components/PageHead';
import { useDebounced } from '../../components/use-debounced';
import { de } from '../../i18n/de';
import { AktenList } from '../records/AktenList';
import { SelectField } from '../../components/SelectField';

/** Closed (zdA) Akten of every Amt, for appraisal; opening one shows it read-only. */
export function ArchivPage() {
  const api = useApi();
  const aemter = useQuery(() => api.call('aemter.list', {}), []);
  const [amtId, setAmtId] = useState('');
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  return (
    <div className="page page-fill">
      <PageHead title={de.archiv.title} intro={de.archiv.intro} />
      <div className="toolbar">
        <label className="field field-inline">
          <span className="field-label">{de.akten.filterText}</span>
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <SelectField inline label={de.search.amt} value={amtId} onChange={setAmtId}>
          <option value="">{de.search.anyAmt}</option>
          {(aemter.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.id} {a.name}
            </option>
          ))}
        </SelectField>
      </div>
      <AktenList filter={{ status: 'zda', ...(amtId ? { amtId } : {}), ...(q ? { text: q } : {}) }} label={de.archiv.title} />
    </div>
  );
}
