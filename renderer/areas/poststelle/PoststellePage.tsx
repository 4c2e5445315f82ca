import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { de } from '../../i18n/de';
import { PosteingangList } from '../records/PosteingangList';
import { SelectField } from '../../components/SelectField';

/** Incoming mail of all Ämter; the post room sees the envelope data, not the content. */
export function PoststellePage() {
  const api = useApi();
  const aemter = useQuery(() => api.call('aemter.list', {}), []);
  const [amtId, setAmtId] = useState('');
  return (
    <div className="page page-fill">
      <div className="page-head">
        <h1 className="page-title">{de.posteingang.titleAll}</h1>
        <SelectField inline label={de.posteingang.filterAmt} value={amtId} onChange={setAmtId}>
          <option value="">{de.posteingang.anyAmt}</option>
          {(aemter.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.id} {a.name}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="hint">{de.posteingang.readOnlyHint}</p>
      <PosteingangList amtId={amtId || undefined} />
    </div>
  );
}
