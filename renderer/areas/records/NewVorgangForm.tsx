import type { Vorgang } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { ActionPanel } from '../../components/ActionPanel';
import { useDraftAction } from '../../components/use-draft-action';
import { de } from '../../i18n/de';

export function NewVorgangForm({
  akteUuid,
  onDone,
  onCancel,
}: {
  akteUuid: string;
  onDone: (v: Vorgang) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const { draft, panel } = useDraftAction(
    `vorgang.create:${akteUuid}`,
    '',
    (title) => api.call('vorgaenge.create', { akteUuid, title }),
    onDone,
    onCancel,
  );
  return (
    <ActionPanel title={de.newVorgang.title} submitLabel={de.newVorgang.submit} {...panel}>
      <label className="field">
        <span className="field-label">{de.newVorgang.vorgangTitle}</span>
        <input
          required
          maxLength={300}
          value={draft.value}
          onChange={(e) => draft.setValue(e.target.value)}
        />
      </label>
    </ActionPanel>
  );
}
