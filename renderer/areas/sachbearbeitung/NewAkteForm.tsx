import type { Akte, AktenplanEntry, Person } from '../../../contract/schemas/records';
import { useApi } from '../../api/ApiProvider';
import { ActionPanel } from '../../components/ActionPanel';
import { useDraftAction } from '../../components/use-draft-action';
import { de } from '../../i18n/de';

interface PersonInput {
  role: string;
  name: string;
  birthDate: string;
}

interface AkteInput {
  title: string;
  firstVorgangTitle: string;
  persons: PersonInput[];
}

const EMPTY: AkteInput = { title: '', firstVorgangTitle: '', persons: [] };
const ROLE_SUGGESTIONS = [
  'Antragsteller/in',
  'Schuldner/in',
  'Kläger/in',
  'Beklagte/r',
  'Bevollmächtigte/r',
  'Gewerbetreibende/r',
];

const toPersons = (rows: readonly PersonInput[]): Person[] =>
  rows
    .filter((p) => p.name.trim())
    .map((p) => ({
      role: p.role.trim() || 'Beteiligte/r',
      name: p.name.trim(),
      birthDate: p.birthDate || null,
    }));

/** Creates an Akte under an Aktenplan leaf; the input is kept as a draft (per leaf) until it is saved. */
export function NewAkteForm({
  entry,
  onDone,
  onCancel,
}: {
  entry: AktenplanEntry;
  onDone: (a: Akte) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const { draft, panel } = useDraftAction<AkteInput, Akte>(
    `akte.create:${entry.uuid}`,
    EMPTY,
    (input) =>
      api.call('akten.create', {
        aktenplanEntryUuid: entry.uuid,
        title: input.title,
        persons: toPersons(input.persons),
        firstVorgangTitle: input.firstVorgangTitle.trim() || undefined,
      }),
    onDone,
    onCancel,
  );
  const v = draft.value;
  const set = (patch: Partial<AkteInput>) => draft.setValue((prev) => ({ ...prev, ...patch }));
  const setPerson = (i: number, patch: Partial<PersonInput>) =>
    draft.setValue((prev) => ({
      ...prev,
      persons: prev.persons.map((p, j) => (j === i ? { ...p, ...patch } : p)),
    }));

  return (
    <ActionPanel
      title={de.newAkte.title}
      subtitle={de.newAkte.under(entry.number, entry.title)}
      submitLabel={de.newAkte.submit}
      {...panel}
    >
      <label className="field">
        <span className="field-label">{de.newAkte.akteTitle}</span>
        <input required maxLength={300} value={v.title} onChange={(e) => set({ title: e.target.value })} />
      </label>
      <label className="field">
        <span className="field-label">{de.newAkte.firstVorgang}</span>
        <input
          maxLength={300}
          value={v.firstVorgangTitle}
          onChange={(e) => set({ firstVorgangTitle: e.target.value })}
        />
      </label>
      <fieldset className="fieldset">
        <legend>{de.newAkte.persons}</legend>
        <datalist id="person-roles">
          {ROLE_SUGGESTIONS.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        {v.persons.map((p, i) => (
          <div key={i} className="form-row person-row">
            <label className="field">
              <span className="field-label">{de.newAkte.personRole(i + 1)}</span>
              <input
                list="person-roles"
                placeholder={de.newAkte.rolePlaceholder}
                value={p.role}
                onChange={(e) => setPerson(i, { role: e.target.value })}
              />
            </label>
            <label className="field field-grow">
              <span className="field-label">{de.newAkte.personName(i + 1)}</span>
              <input value={p.name} onChange={(e) => setPerson(i, { name: e.target.value })} />
            </label>
            <label className="field">
              <span className="field-label">{de.newAkte.personBirth(i + 1)}</span>
              <input
                type="date"
                value={p.birthDate}
                onChange={(e) => setPerson(i, { birthDate: e.target.value })}
              />
            </label>
            <button
              type="button"
              className="btn btn-small btn-quiet"
              onClick={() => set({ persons: v.persons.filter((_, j) => j !== i) })}
            >
              {de.newAkte.removePerson(i + 1)}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => set({ persons: [...v.persons, { role: '', name: '', birthDate: '' }] })}
        >
          {de.newAkte.addPerson}
        </button>
      </fieldset>
    </ActionPanel>
  );
}
