import { useId } from 'react';
import type { Akte } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { ActionPanel } from '../../components/ActionPanel';
import { useDraftAction } from '../../components/use-draft-action';
import { de } from '../../i18n/de';

/** Reopening a zdA Akte needs a reason, which goes into the audit trail. */
export function ReopenForm({
  akte,
  onDone,
  onCancel,
}: {
  akte: Akte;
  onDone: (a: Akte) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const id = useId();
  const { draft, panel } = useDraftAction(
    `akte.reopen:${akte.uuid}`,
    '',
    (reason) => api.call('akten.reopen', { uuid: akte.uuid, reason }),
    onDone,
    onCancel,
  );
  return (
    <ActionPanel title={de.reopen.title} submitLabel={de.reopen.submit} {...panel}>
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
