import type { DocumentDetail, Vorgang } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { ActionPanel } from '../../components/ActionPanel';
import { useDraftAction } from '../../components/use-draft-action';
import { de } from '../../i18n/de';

/** A note written in the app; the core renders it as a PDF/A document of the Vorgang, searchable like any letter. */
export function VermerkForm({
  vorgang,
  onDone,
  onCancel,
}: {
  vorgang: Vorgang;
  onDone: (d: DocumentDetail) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const { draft, panel } = useDraftAction(
    `vermerk:${vorgang.uuid}`,
    { title: '', text: '' },
    (v) => api.call('vermerke.create', { vorgangUuid: vorgang.uuid, ...v }),
    onDone,
    onCancel,
  );
  const set = (patch: Partial<typeof draft.value>) => draft.setValue((v) => ({ ...v, ...patch }));
  return (
    <ActionPanel
      title={de.caseWork.vermerkTitle}
      subtitle={`${vorgang.aktenzeichen} ${vorgang.title}`}
      submitLabel={de.caseWork.vermerkSubmit}
      {...panel}
    >
      <label className="field">
        <span className="field-label">{de.caseWork.vermerkHeading}</span>
        <input
          required
          maxLength={300}
          value={draft.value.title}
          onChange={(e) => set({ title: e.target.value })}
        />
      </label>
      <label className="field">
        <span className="field-label">{de.caseWork.vermerkText}</span>
        <textarea
          required
          rows={8}
          maxLength={20_000}
          value={draft.value.text}
          onChange={(e) => set({ text: e.target.value })}
        />
      </label>
    </ActionPanel>
  );
}
