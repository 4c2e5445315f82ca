import type { AkteStatus, DocumentStatus } from '../../contract/schemas/records';
import { de } from '../i18n/de';

export function AkteStatusBadge({ status }: { status: AkteStatus }) {
  return <span className={`badge badge-${status}`}>{de.status[status]}</span>;
}

export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  return <span className={`badge badge-${status}`}>{de.documentStatus[status]}</span>;
}
