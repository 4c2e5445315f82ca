import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { de } from '../../i18n/de';
import { PosteingangList } from '../records/PosteingangList';

/** Incoming mail of all Ämter; the post room sees the envelope data, not the content. */
export function PoststellePage() {
  const api = useApi();
  const aemter = useQuery(() => api.call('aemter.list', {}), []);
  const [amtId, setAmtId] = useState('');
  return (
    <div className="page page-fill">
      <div className="page-head">
        <h1 className="page-title">{de.posteingang.titleAll}</h1>
        <label className="field field-inline">
          <span className="field-label">{de.posteingang.filterAmt}</span>
          <select value={amtId} onChange={(e) => setAmtId(e.target.value)}>
            <option value="">{de.posteingang.anyAmt}</option>
            {(aemter.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.id} {a.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">{de.posteingang.readOnlyHint}</p>
      <PosteingangList amtId={amtId || undefined} />
    </div>
  );
}
