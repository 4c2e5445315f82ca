import { useState } from 'react';
import type { DocumentDetail, DocumentSummary } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useCommand, useQuery } from '../../api/use-query';
import { ActionPanel } from '../../components/ActionPanel';
import { SelectField } from '../../components/SelectField';
import { de } from '../../i18n/de';

interface Props {
  document: DocumentSummary;
  onDone: (d: DocumentDetail) => void;
  onCancel: () => void;
}

/** The post room hands an incoming document to the responsible Amt (or corrects its choice). */
export function AssignAmtForm({ document, onDone, onCancel }: Props) {
  const api = useApi();
  const aemter = useQuery(() => api.call('aemter.list', {}), []);
  const [amtId, setAmtId] = useState(document.amtId ?? '');
  const assign = useCommand(async () =>
    onDone(await api.call('posteingang.assignAmt', { uuid: document.uuid, amtId })),
  );
  return (
    <ActionPanel
      title={de.assignAmt.title}
      subtitle={document.title}
      submitLabel={de.assignAmt.submit}
      pending={assign.pending}
      error={assign.error}
      onSubmit={() => void assign.run()}
      onCancel={onCancel}
    >
      <SelectField label={de.assignAmt.amt} required value={amtId} onChange={setAmtId}>
        <option value="">{de.assignAmt.choose}</option>
        {(aemter.data ?? []).map((a) => (
          <option key={a.id} value={a.id}>
            {a.id} {a.name}
          </option>
        ))}
      </SelectField>
    </ActionPanel>
  );
}
