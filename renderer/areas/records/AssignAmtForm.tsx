import { useId, useState } from 'react';
import type { DocumentSummary } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useCommand, useQuery } from '../../api/use-query';
import { ActionPanel } from '../../components/ActionPanel';
import { SelectField } from '../../components/SelectField';
import { de } from '../../i18n/de';

interface Props {
  document: DocumentSummary;
  /** A clerk passing a letter on to another Amt (with a reason) rather than the post room assigning it. */
  forward?: boolean;
  onDone: () => void;
  onCancel: () => void;
}

/** The post room hands an incoming document to the responsible Amt; a clerk forwards one that came wrongly. */
export function AssignAmtForm({ document, forward = false, onDone, onCancel }: Props) {
  const api = useApi();
  const id = useId();
  const texts = forward ? de.assignAmt.forward : de.assignAmt;
  const aemter = useQuery(() => api.call('aemter.list', {}), []);
  const [amtId, setAmtId] = useState(forward ? '' : (document.amtId ?? ''));
  const [reason, setReason] = useState('');
  const assign = useCommand(async () => {
    if (forward) await api.call('posteingang.forward', { uuid: document.uuid, amtId, reason });
    else await api.call('posteingang.assignAmt', { uuid: document.uuid, amtId });
    onDone();
  });
  return (
    <ActionPanel
      title={texts.title}
      subtitle={document.title}
      submitLabel={texts.submit}
      pending={assign.pending}
      error={assign.error}
      onSubmit={() => void assign.run()}
      onCancel={onCancel}
    >
      <SelectField label={de.assignAmt.amt} required value={amtId} onChange={setAmtId}>
        <option value="">{de.assignAmt.choose}</option>
        {(aemter.data ?? [])
          .filter((a) => !forward || a.id !== document.amtId)
          .map((a) => (
            <option key={a.id} value={a.id}>
              {a.id} {a.name}
            </option>
          ))}
      </SelectField>
      {forward && (
        <div className="field">
          <label htmlFor={`${id}-reason`} className="field-label">
            {de.assignAmt.forward.reason}
          </label>
          <textarea id={`${id}-reason`} required rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      )}
    </ActionPanel>
  );
}
