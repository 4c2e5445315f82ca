import type { Akte } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { de } from '../../i18n/de';
import { AkteReasonForm } from './AkteReasonForm';

/** Reopening a zdA Akte needs a reason, which goes into the audit trail. */
export function ReopenForm({ akte, onDone, onCancel }: { akte: Akte; onDone: (a: Akte) => void; onCancel: () => void }) {
  const api = useApi();
  return (
    <AkteReasonForm
      draftId={`akte.reopen:${akte.uuid}`}
      texts={de.reopen}
      submit={(reason) => api.call('akten.reopen', { uuid: akte.uuid, reason })}
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}
