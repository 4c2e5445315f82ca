import type { IngestStatus } from '../../../../contract/methods/archiv';
import { t } from './texts';

export function IngestBadge({ status }: { status: IngestStatus }) {
  return <span className={`badge ingest-status ingest-${status}`}>{t.status[status]}</span>;
}
