import { useId, useState, type Ref } from 'react';
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
  /** Files into the chosen Vorgang (the Posteingang uses classify.accept, which learns from the choice). */
  submit: (vorgangUuid: string) => Promise<unknown>;
  title: string;
  initialText?: string;
  searchRef?: Ref<HTMLInputElement>;
}

/** Files an incoming document into a Vorgang of an open Akte of the same Amt: find the Akte, pick the Vorgang. */
export function FileDocumentForm({ doc, submit, title, initialText = '', searchRef }: Props) {
  const api = useApi();
  const titleId = useId();
  const [text, setText] = useState(initialText);
  const [akteUuid, setAkteUuid] = useState<string | null>(null);
  const [vorgangUuid, setVorgangUuid] = useState('');
  const q = useDebounced(text.trim());
  const akten = useQuery(
    () => api.call('akten.list', { status: 'open', amtId: doc.amtId ?? undefined, text: q || undefined, limit: 8 }),
    [q, doc.amtId],
  );
  const akte = useQuery(async () => (akteUuid ? api.call('akten.get', { uuid: akteUuid }) : null), [akteUuid]);
  const file = useCommand(() => submit(vorgangUuid));

  return (
    <form
      className="panel form"
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        if (vorgangUuid) void file.run();
      }}
    >
      <h2 id={titleId} className="panel-title">
        {title}
      </h2>
      <label className="field">
        <span className="field-label">{de.posteingang.findAkte}</span>
        <input ref={searchRef} type="search" value={text} onChange={(e) => setText(e.target.value)} />
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
