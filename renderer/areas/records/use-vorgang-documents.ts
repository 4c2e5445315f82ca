import type { DocumentSummary } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';

/** The documents of one Vorgang for a choice in a form (the first 500; the list view pages further). */
export function useVorgangDocuments(vorgangUuid: string): DocumentSummary[] {
  const api = useApi();
  const query = useQuery(
    async () => (await api.call('documents.list', { vorgangUuid, limit: 500 })).items,
    [vorgangUuid],
  );
  return query.data ?? [];
}
