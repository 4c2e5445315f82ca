import { useState } from 'react';
import type { Akte, DocumentDetail, Vorgang } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { ActionPanel } from '../../components/ActionPanel';
import { SelectField } from '../../components/SelectField';
import { useDebounced } from '../../components/use-debounced';
import { useDraftAction } from '../../components/use-draft-action';
import { de } from '../../i18n/de';
import { VorgangDocumentSelect } from './VorgangDocumentSelect';

interface Props {
  akte: Akte;
  vorgang: Vorgang;
  onDone: (d: DocumentDetail) => void;
  onCancel: () => void;
}

/** Moves one document of the Vorgang into another Vorgang of this or another open Akte of the same Amt. */
export function MoveDocumentForm({ akte, vorgang, onDone, onCancel }: Props) {
  const api = useApi();
  const [text, setText] = useState('');
  const settled = useDebounced(text.trim());
  const { draft, panel } = useDraftAction(
    `move:${vorgang.uuid}`,
    { documentUuid: '', akteUuid: akte.uuid, vorgangUuid: '' },
    (v) => api.call('documents.move', { uuid: v.documentUuid, vorgangUuid: v.vorgangUuid }),
    onDone,
    onCancel,
  );
  const v = draft.value;
  const set = (patch: Partial<typeof v>) => draft.setValue((prev) => ({ ...prev, ...patch }));
  const candidates = useQuery(
    async () =>
      (
        await api.call('akten.list', {
          amtId: akte.amtId,
          status: 'open',
          text: settled || undefined,
          limit: 20,
        })
      ).items,
    [settled, akte.amtId],
  );
  const target = useQuery(
    () => (v.akteUuid ? api.call('akten.get', { uuid: v.akteUuid }) : Promise.resolve(null)),
    [v.akteUuid],
  );
  const akten = candidates.data ?? [];
  // The current Akte stays selectable for moves between its own Vorgänge, whatever the search says.
  const current = akte.status === 'open' && !akten.some((a) => a.uuid === akte.uuid) ? [akte] : [];

  return (
    <ActionPanel title={de.caseWork.moveTitle} submitLabel={de.caseWork.moveSubmit} {...panel}>
      <VorgangDocumentSelect
        vorgangUuid={vorgang.uuid}
        value={v.documentUuid}
        onChange={(documentUuid) => set({ documentUuid })}
      />
      <label className="field">
        <span className="field-label">{de.caseWork.moveTarget}</span>
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {akten.length + current.length === 0 ? (
        <p className="empty-state">{de.caseWork.noOpenAkte}</p>
      ) : (
        <SelectField
          label={de.posteingang.akteResults}
          required
          value={v.akteUuid}
          onChange={(akteUuid) => set({ akteUuid, vorgangUuid: '' })}
        >
          <option value="">{de.caseWork.chooseAkte}</option>
          {[...current, ...akten].map((a) => (
            <option key={a.uuid} value={a.uuid}>
              {a.aktenzeichen} {a.title}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField
        label={de.caseWork.moveVorgang}
        required
        value={v.vorgangUuid}
        onChange={(vorgangUuid) => set({ vorgangUuid })}
      >
        <option value="">{de.caseWork.chooseVorgang}</option>
        {(target.data?.vorgaenge ?? [])
          .filter((g) => g.uuid !== vorgang.uuid)
          .map((g) => (
            <option key={g.uuid} value={g.uuid}>
              {g.aktenzeichen} {g.title}
            </option>
          ))}
      </SelectField>
    </ActionPanel>
  );
}
