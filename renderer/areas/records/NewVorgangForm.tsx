import type { Vorgang } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useCommand } from '../../api/use-query';
import { ActionPanel } from '../../components/ActionPanel';
import { de } from '../../i18n/de';
import { useDraft } from '../../offline/use-draft';

export function NewVorgangForm({ akteUuid, onDone, onCancel }: { akteUuid: string; onDone: (v: Vorgang) => void; onCancel: () => void }) {
  const api = useApi();
  const draft = useDraft(`vorgang.create:${akteUuid}`, '');
  const save = useCommand(async () => {
    const v = await api.call('vorgaenge.create', { akteUuid, title: draft.value });
    draft.discard();
    onDone(v);
  });
  return (
    <ActionPanel
      title={de.newVorgang.title}
      submitLabel={de.newVorgang.submit}
      pending={save.pending}
      error={save.error}
      draftRestored={draft.restored}
      onSubmit={() => void save.run()}
      onCancel={() => {
        draft.discard();
        onCancel();
      }}
    >
      <label className="field">
        <span className="field-label">{de.newVorgang.vorgangTitle}</span>
        <input required maxLength={300} value={draft.value} onChange={(e) => draft.setValue(e.target.value)} />
      </label>
    </ActionPanel>
  );
}
