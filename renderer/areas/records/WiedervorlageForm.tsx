import type { Wiedervorlage } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { ActionPanel } from '../../components/ActionPanel';
import { useDraftAction } from '../../components/use-draft-action';
import { addDays } from '../../i18n/dates';
import { de } from '../../i18n/de';
import { localToday } from '../../i18n/format';

export type WiedervorlageTarget = { akteUuid: string } | { documentUuid: string };

interface Props {
  target: WiedervorlageTarget;
  onDone: (w: Wiedervorlage) => void;
  onCancel: () => void;
}

/** Follow-up for an Akte or a Dokument; date and note are kept as a draft until saved. */
export function WiedervorlageForm({ target, onDone, onCancel }: Props) {
  const api = useApi();
  const targetUuid = 'akteUuid' in target ? target.akteUuid : target.documentUuid;
  const { draft, panel } = useDraftAction(
    `wiedervorlage:${targetUuid}`,
    { dueDate: addDays(localToday(), 7), note: '' },
    (value) => api.call('wiedervorlagen.create', { ...target, ...value }),
    onDone,
    onCancel,
  );
  const set = (patch: Partial<typeof draft.value>) => draft.setValue((v) => ({ ...v, ...patch }));

  return (
    <ActionPanel title={de.wiedervorlage.title} submitLabel={de.wiedervorlage.submit} {...panel}>
      <div className="form-row">
        <label className="field">
          <span className="field-label">{de.wiedervorlage.dueDate}</span>
          <input
            type="date"
            required
            value={draft.value.dueDate}
            onChange={(e) => set({ dueDate: e.target.value })}
          />
        </label>
      </div>
      <label className="field">
        <span className="field-label">{de.wiedervorlage.note}</span>
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
