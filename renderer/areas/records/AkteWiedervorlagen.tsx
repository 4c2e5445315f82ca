import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { useRecordsChanged } from '../../components/use-records-changed';
import { Loaded } from '../../components/Loaded';
import { WiedervorlageTable } from '../sachbearbeitung/WiedervorlageTable';

/** Wiedervorlagen on this Akte (open and done); `revision` reloads after one was added. */
export function AkteWiedervorlagen({ akteUuid, revision }: { akteUuid: string; revision: number }) {
  const api = useApi();
  const list = useQuery(() => api.call('wiedervorlagen.list', { includeDone: true }), [revision]);
  useRecordsChanged(list.reload, ['wiedervorlage']);
  return <Loaded query={list}>{(all) => <WiedervorlageTable items={all.filter((w) => w.akteUuid === akteUuid)} onChanged={list.reload} showTarget={false} />}</Loaded>;
}
