import type { MethodInput } from '../../../../contract/methods';
import type { DocumentDetail } from '../../../../contract/schemas/records';
import { useApi } from '../../../api/ApiProvider';
import { ActionPanel } from '../../../components/ActionPanel';
import { useDraftAction } from '../../../components/use-draft-action';
import { de } from '../../../i18n/de';
import { t } from './texts';

interface Props {
  doc: DocumentDetail;
  onDone: (doc: DocumentDetail) => void;
  onCancel: () => void;
}

type Fields = { title: string; docType: string; sender: string; documentDate: string };

const fieldsOf = (doc: DocumentDetail): Fields => ({
  title: doc.title,
  docType: doc.docType ?? '',
  sender: doc.sender ?? '',
  documentDate: doc.documentDate ?? '',
});

/** Only what the clerk changed goes to the core (an emptied field is cleared); nothing changed, nothing sent. */
export function changedFields(doc: DocumentDetail, v: Fields): Omit<MethodInput<'documents.update'>, 'uuid'> {
  const before = fieldsOf(doc);
  const change: Omit<MethodInput<'documents.update'>, 'uuid'> = {};
  if (v.title.trim() !== before.title) change.title = v.title.trim();
  if (v.docType.trim() !== before.docType) change.docType = v.docType.trim() || null;
  if (v.sender.trim() !== before.sender) change.sender = v.sender.trim() || null;
  if (v.documentDate !== before.documentDate) change.documentDate = v.documentDate || null;
  return change;
}

/** Title, document type, sender and date of a document; kept as a draft until saved. */
export function MetadataForm({ doc, onDone, onCancel }: Props) {
  const api = useApi();
  const { draft, panel } = useDraftAction(
    `metadata:${doc.uuid}`,
    fieldsOf(doc),
    async (v) => {
      const change = changedFields(doc, v);
      return Object.keys(change).length ? api.call('documents.update', { uuid: doc.uuid, ...change }) : doc;
    },
    onDone,
    onCancel,
  );
  const set = (patch: Partial<Fields>) => draft.setValue((v) => ({ ...v, ...patch }));
  return (
    <ActionPanel title={t.editTitle} submitLabel={t.save} {...panel}>
      <label className="field">
        <span className="field-label">{de.document.title}</span>
        <input type="text" required maxLength={300} value={draft.value.title} onChange={(e) => set({ title: e.target.value })} />
      </label>
      <div className="form-row">
        <label className="field field-grow">
          <span className="field-label">{de.document.docType}</span>
          <input type="text" maxLength={100} value={draft.value.docType} onChange={(e) => set({ docType: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">{de.document.documentDate}</span>
          <input type="date" value={draft.value.documentDate} onChange={(e) => set({ documentDate: e.target.value })} />
        </label>
      </div>
      <label className="field">
        <span className="field-label">{de.document.sender}</span>
        <input type="text" maxLength={300} value={draft.value.sender} onChange={(e) => set({ sender: e.target.value })} />
      </label>
    </ActionPanel>
  );
}
