import type { Mitzeichnung } from '../../../contract/schemas/workspace';
import type { Vorgang } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { ActionPanel } from '../../components/ActionPanel';
import { SelectField } from '../../components/SelectField';
import { useDraftAction } from '../../components/use-draft-action';
import { de } from '../../i18n/de';
import { VorgangDocumentSelect } from './VorgangDocumentSelect';

interface Props {
  /** A document of this Vorgang is chosen in the form (Akte page) … */
  vorgang?: Vorgang;
  /** … or the document is given (document page). */
  documentUuid?: string;
  onDone: (m: Mitzeichnung) => void;
  onCancel: () => void;
}

/** Asks another clerk of the same Amt to co-sign one document (of the Vorgang, or the one given). */
export function MitzeichnungForm({ vorgang, documentUuid, onDone, onCancel }: Props) {
  const api = useApi();
  const colleagues = useQuery(() => api.call('colleagues.list', {}), []);
  const { draft, panel } = useDraftAction(
    `mitzeichnung:${documentUuid ?? vorgang?.uuid}`,
    { documentUuid: documentUuid ?? '', addresseeUuid: '', note: '' },
    (v) => api.call('mitzeichnungen.request', v),
    onDone,
    onCancel,
  );
  const set = (patch: Partial<typeof draft.value>) => draft.setValue((v) => ({ ...v, ...patch }));
  const none = colleagues.data?.length === 0;
  return (
    <ActionPanel
      title={de.caseWork.mitzeichnungTitle}
      submitLabel={de.caseWork.mitzeichnungSubmit}
      {...panel}
    >
      {vorgang && !documentUuid && (
        <VorgangDocumentSelect
          vorgangUuid={vorgang.uuid}
          value={draft.value.documentUuid}
          onChange={(chosen) => set({ documentUuid: chosen })}
        />
      )}
      {none ? (
        <p className="notice notice-info">{de.caseWork.noColleagues}</p>
      ) : (
        <SelectField
          label={de.caseWork.colleague}
          required
          value={draft.value.addresseeUuid}
          onChange={(addresseeUuid) => set({ addresseeUuid })}
        >
          <option value="">{de.caseWork.chooseColleague}</option>
          {(colleagues.data ?? []).map((c) => (
            <option key={c.uuid} value={c.uuid}>
              {c.displayName}
            </option>
          ))}
        </SelectField>
      )}
      <label className="field">
        <span className="field-label">{de.caseWork.note}</span>
        <textarea
          rows={3}
          maxLength={2000}
          value={draft.value.note}
          onChange={(e) => set({ note: e.target.value })}
        />
      </label>
    </ActionPanel>
  );
}
