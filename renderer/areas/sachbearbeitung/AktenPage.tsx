import { useState } from 'react';
import type { AkteStatus } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { Loaded } from '../../components/Loaded';
import { PageHead } from '../../components/PageHead';
import { useDebounced } from '../../components/use-debounced';
import { de } from '../../i18n/de';
import { navigate } from '../../routing/use-route';
import { clerkAmter } from '../../session/roles';
import { useUser } from '../../session/SessionProvider';
import { AktenList, type AktenFilter } from '../records/AktenList';
import { AktenplanTree } from './AktenplanTree';
import { NewAkteForm } from './NewAkteForm';
import { SelectField } from '../../components/SelectField';

/** Aktenplan on the left; the Akten of the chosen leaf (or of the whole Amt) with filters on the right. */
export function AktenPage({ entryUuid }: { entryUuid: string | null }) {
  const api = useApi();
  const user = useUser();
  const amter = clerkAmter(user);
  const plan = useQuery(async () => (await api.call('aktenplan.tree', {})).filter((e) => amter.includes(e.amtId)), [amter.join()]);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<AkteStatus | ''>('open');
  const [creating, setCreating] = useState(false);
  const settledText = useDebounced(text.trim());
  const entry = plan.data?.find((e) => e.uuid === entryUuid) ?? null;

  const filter: AktenFilter = {
    // A group of the Aktenplan shows the Akten of all positions below it.
    ...(entry ? { aktenplanEntryUuid: entry.uuid, includeSubEntries: !entry.isLeaf } : amter.length === 1 ? { amtId: amter[0] } : {}),
    ...(status ? { status } : {}),
    ...(settledText ? { text: settledText } : {}),
  };

  return (
    <div className="page page-fill">
      <PageHead title={de.akten.title} sub={entry ? `${entry.number} ${entry.title}` : de.akten.allAkten} />
      <div className="columns">
        <section className="column-side panel panel-scroll" aria-labelledby="aktenplan-title">
          <div className="panel-head">
            <h2 id="aktenplan-title" className="panel-title">
              {de.akten.aktenplan}
            </h2>
            {entry && (
              <button type="button" className="btn btn-link btn-small" onClick={() => navigate({ name: 'sb.akten', entryUuid: null })}>
                {de.akten.allAkten}
              </button>
            )}
          </div>
          <Loaded query={plan}>
            {(entries) => (
              <AktenplanTree entries={entries} selectedUuid={entryUuid} onSelect={(e) => navigate({ name: 'sb.akten', entryUuid: e.uuid })} />
            )}
          </Loaded>
        </section>
        <section className="column-main" aria-label={de.akten.listLabel}>
          <div className="toolbar">
            <label className="field field-inline">
              <span className="field-label">{de.akten.filterText}</span>
              <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
            </label>
            <SelectField inline label={de.akten.filterStatus} value={status} onChange={(v) => setStatus(v as AkteStatus | '')}>
              <option value="">{de.akten.anyStatus}</option>
              <option value="open">{de.status.open}</option>
              <option value="zda">{de.status.zda}</option>
            </SelectField>
            <div className="toolbar-end">
              <button
                type="button"
                className="btn btn-primary"
                disabled={!entry?.isLeaf}
                aria-expanded={creating}
                aria-describedby={entry?.isLeaf ? undefined : 'new-akte-hint'}
                onClick={() => setCreating(true)}
              >
                {de.akten.newAkte}
              </button>
            </div>
          </div>
          {!entry?.isLeaf && (
            <p id="new-akte-hint" className="hint">
              {de.akten.newAkteNeedsLeaf}
            </p>
          )}
          {creating && entry?.isLeaf && (
            <NewAkteForm
              key={entry.uuid}
              entry={entry}
              onCancel={() => setCreating(false)}
              onDone={(a) => navigate({ name: 'akte', uuid: a.uuid, vorgangUuid: null })}
            />
          )}
          <AktenList filter={filter} label={de.akten.listLabel} />
        </section>
      </div>
    </div>
  );
}
