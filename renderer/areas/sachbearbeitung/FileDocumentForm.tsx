import { useState } from 'react';
import type { DocumentDetail } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useCommand, useQuery } from '../../api/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loaded } from '../../components/Loaded';
import { useDebounced } from '../../components/use-debounced';
import { de } from '../../i18n/de';
import { SelectField } from '../../components/SelectField';

interface Props {
  doc: DocumentDetail;
  onFiled: (d: DocumentDetail) => void;
}

/** Files an incoming document into a Vorgang of an open Akte of the same Amt: find the Akte, pick the Vorgang. */
export function FileDocumentForm({ doc, onFiled }: Props) {
  const api = useApi();
  const [text, setText] = useState('');
  const [akteUuid, setAkteUuid] = useState<string | null>(null);
  const [vorgangUuid, setVorgangUuid] = useState('');
  const q = useDebounced(text.trim());
  const akten = useQuery(
    () => api.call('akten.list', { status: 'open', amtId: doc.amtId ?? undefined, text: q || undefined, limit: 8 }),
    [q, doc.amtId],
  );
  const akte = useQuery(async () => (akteUuid ? api.call('akten.get', { uuid: akteUuid }) : null), [akteUuid]);
  const file = useCommand(async () => onFiled(await api.call('documents.file', { uuid: doc.uuid, vorgangUuid })));

  return (
    <form
      className="panel form"
      aria-labelledby="file-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (vorgangUuid) void file.run();
      }}
    >
      <h2 id="file-title" className="panel-title">
        {de.posteingang.file}
      </h2>
      <label className="field">
        <span className="field-label">{de.posteingang.findAkte}</span>
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <fieldset className="fieldset">
        <legend>{de.posteingang.akteResults}</legend>
        <Loaded query={akten}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="empty-state">{de.posteingang.noAkten}</p>
            ) : (
              <ul className="choice-list">
                {page.items.map((a) => (
                  <li key={a.uuid}>
                    <label className="choice">
                      <input
                        type="radio"
                        name="file-akte"
                        checked={akteUuid === a.uuid}
                        onChange={() => {
                          setAkteUuid(a.uuid);
                          setVorgangUuid('');
                        }}
                      />
                      <span className="mono">{a.aktenzeichen}</span>
                      <span>{a.title}</span>
                    </label>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </fieldset>
      {akteUuid && (
        <Loaded query={akte}>
          {(a) =>
            a && (
              <SelectField required label={de.posteingang.vorgang} value={vorgangUuid} onChange={setVorgangUuid}>
                <option value="">{de.posteingang.chooseVorgang}</option>
                {a.vorgaenge.map((v) => (
                  <option key={v.uuid} value={v.uuid}>
                    {v.aktenzeichen} – {v.title}
                  </option>
                ))}
              </SelectField>
            )
          }
        </Loaded>
      )}
      {file.error && <ErrorNotice error={file.error} onRetry={() => void file.run()} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!vorgangUuid || file.pending}>
          {file.pending ? de.forms.saving : de.posteingang.submit}
        </button>
      </div>
    </form>
  );
}
