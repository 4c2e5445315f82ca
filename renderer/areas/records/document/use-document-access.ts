import type { DocumentDetail } from '../../../../contract/schemas/records';
import { useApi } from '../../../api/ApiProvider';
import { useQuery } from '../../../api/use-query';
import { clerkAmter } from '../../../session/roles';
import { useUser } from '../../../session/SessionProvider';
import { t } from './texts';

export interface DocumentAccess {
  /** A clerk of the document's Amt; its Akte (if any) is open. */
  mayChange: boolean;
  /** Title, type, sender and date; not under an Aufbewahrungssperre. */
  mayEditMetadata: boolean;
  /** Why less is offered than a clerk of the Amt would expect. */
  notice: string | null;
}

/** What the page offers the user for this document; the core checks the same again on every change. */
export function useDocumentAccess(doc: DocumentDetail): DocumentAccess {
  const api = useApi();
  const user = useUser();
  const clerk = doc.amtId !== null && clerkAmter(user).includes(doc.amtId);
  const akteUuid = clerk ? doc.akteUuid : null;
  const akte = useQuery(() => (akteUuid ? api.call('akten.get', { uuid: akteUuid }) : Promise.resolve(null)), [akteUuid]);
  if (!clerk) return { mayChange: false, mayEditMetadata: false, notice: null };
  if (akteUuid && !akte.data) return { mayChange: false, mayEditMetadata: false, notice: null };
  if (akte.data?.status === 'zda') return { mayChange: false, mayEditMetadata: false, notice: t.closed };
  const held = Boolean(akte.data?.legalHold);
  return { mayChange: true, mayEditMetadata: !held, notice: held ? t.legalHold : null };
}
