import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/use-query';
import { SelectField } from '../../components/SelectField';
import { de } from '../../i18n/de';

/** Choice of one document of a Vorgang (the first 500; the list view pages further). */
export function VorgangDocumentSelect({
  vorgangUuid,
  value,
  onChange,
}: {
  vorgangUuid: string;
  value: string;
  onChange: (uuid: string) => void;
}) {
  const api = useApi();
  const documents = useQuery(
    async () => (await api.call('documents.list', { vorgangUuid, limit: 500 })).items,
    [vorgangUuid],
  );
  return (
    <SelectField label={de.caseWork.moveDocument} required value={value} onChange={onChange}>
      <option value="">{de.caseWork.chooseDocument}</option>
      {(documents.data ?? []).map((d) => (
        <option key={d.uuid} value={d.uuid}>
          {d.title}
        </option>
      ))}
    </SelectField>
  );
}
