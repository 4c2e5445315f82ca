import { useId } from 'react';
import type { Akte } from '../../../contract/schemas/records';
import { ActionPanel } from '../../components/ActionPanel';
import { useDraftAction } from '../../components/use-draft-action';

export interface AkteReasonTexts {
  readonly title: string;
  readonly reason: string;
  readonly reasonHint: string;
  readonly submit: string;
}

/** A step on an Akte that needs a written reason, kept in its audit trail (reopen, legal hold). */
export function AkteReasonForm({
  draftId,
  texts,
  submit,
  onDone,
  onCancel,
}: {
  draftId: string;
  texts: AkteReasonTexts;
  submit: (reason: string) => Promise<Akte>;
  onDone: (a: Akte) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const { draft, panel } = useDraftAction<string, Akte>(draftId, '', submit, onDone, onCancel);
  return (
    <ActionPanel title={texts.title} submitLabel={texts.submit} {...panel}>
      <div className="field">
        <label htmlFor={`${id}-reason`} className="field-label">
          {texts.reason}
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
          {texts.reasonHint}
        </span>
      </div>
    </ActionPanel>
  );
}
