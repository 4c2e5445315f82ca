import type { Akte } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { de } from '../../i18n/de';
import { AkteReasonForm } from './AkteReasonForm';

/** Sets an Aufbewahrungssperre, or lifts the one in place; either way with a reason for the audit trail. */
export function LegalHoldForm({ akte, onDone, onCancel }: { akte: Akte; onDone: (a: Akte) => void; onCancel: () => void }) {
  const api = useApi();
  const lift = akte.legalHold !== null;
  return (
    <AkteReasonForm
      draftId={`akte.legalHold:${akte.uuid}`}
      texts={lift ? de.legalHold.lift : de.legalHold.set}
      submit={(reason) => api.call(lift ? 'akten.liftLegalHold' : 'akten.setLegalHold', { uuid: akte.uuid, reason })}
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}
