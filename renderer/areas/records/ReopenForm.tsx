import { useId } from 'react';
import type { Akte } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useCommand } from '../../api/use-query';
import { ActionPanel } from '../../components/ActionPanel';
import { de } from '../../i18n/de';
import { useDraft } from '../../offline/use-draft';

/** Reopening a zdA Akte needs a reason, which goes into the audit trail. */
export function ReopenForm({ akte, onDone, onCancel }: { akte: Akte; onDone: (a: Akte) => void; onCancel: () => void }) {
  const api = useApi();
  const id = useId();
  const draft = useDraft(`akte.reopen:${akte.uuid}`, '');
  const reopen = useCommand(async () => {
    const a = await api.call('akten.reopen', { uuid: akte.uuid, reason: draft.value });
    draft.discard();
    onDone(a);
  });
  return (
    <ActionPanel
      title={de.reopen.title}
      submitLabel={de.reopen.submit}
      pending={reopen.pending}
      error={reopen.error}
      draftRestored={draft.restored}
      onSubmit={() => void reopen.run()}
      onCancel={() => {
        draft.discard();
        onCancel();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-reason`} className="field-label">
          {de.reopen.reason}
        </label>
        <textarea
          id={`${id}-reason`}
          required
          rows={3}
          maxLength={1000}
          value={draft.value}
          onChange={(e) => draft.setValue(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <span id={`${id}-hint`} className="field-hint">
          {de.reopen.reasonHint}
        </span>
      </div>
    </ActionPanel>
  );
}
