import type { Akte } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useCommand } from '../../api/use-query';
import { ActionPanel } from '../../components/ActionPanel';
import { de } from '../../i18n/de';

/** Confirmation before closing an Akte: afterwards it is read-only and its retention period runs. */
export function ZdaPanel({ akte, onDone, onCancel }: { akte: Akte; onDone: (a: Akte) => void; onCancel: () => void }) {
  const api = useApi();
  const close = useCommand(async () => onDone(await api.call('akten.markZda', { uuid: akte.uuid })));
  return (
    <ActionPanel
      title={de.zda.title}
      submitLabel={de.zda.confirm}
      pending={close.pending}
      error={close.error}
      onSubmit={() => void close.run()}
      onCancel={onCancel}
    >
      <p>{de.zda.explain(akte.retentionYears)}</p>
    </ActionPanel>
  );
}
