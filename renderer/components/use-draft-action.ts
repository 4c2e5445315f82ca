import { useCommand } from '../api/use-query';
import { useDraft, type Draft } from '../offline/use-draft';
import type { ActionPanelProps } from './ActionPanel';

type PanelWiring = Pick<ActionPanelProps, 'pending' | 'error' | 'draftRestored' | 'onSubmit' | 'onCancel'>;

/**
 * The wiring every inline form shares: its input kept as a draft until saved, one command with pending
 * and error state, the draft dropped after success or on cancel. Spread `panel` into <ActionPanel>.
 */
export function useDraftAction<T, R>(
  draftId: string,
  initial: T,
  action: (value: T) => Promise<R>,
  onDone: (result: R) => void,
  onCancel: () => void,
): { draft: Draft<T>; panel: PanelWiring } {
  const draft = useDraft(draftId, initial);
  const command = useCommand(async () => {
    const result = await action(draft.value);
    draft.discard();
    onDone(result);
  });
  return {
    draft,
    panel: {
      pending: command.pending,
      error: command.error,
      draftRestored: draft.restored,
      onSubmit: () => void command.run(),
      onCancel: () => {
        draft.discard();
        onCancel();
      },
    },
  };
}
