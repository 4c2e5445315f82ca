import { useId } from 'react';
import { useApi } from '../api/ApiProvider';

/**
 * A path on this machine for the core to read from or write into. Browser mode takes a typed path (the
 * server runs as the user); Electron refuses typed paths (file grants), so there the field only shows
 * what was chosen in the native folder dialog, which is what grants it.
 */
export function FolderField({
  label,
  chooseLabel,
  purpose,
  value,
  onChange,
  describedBy,
  required,
}: {
  label: string;
  chooseLabel: string;
  purpose: 'read' | 'write';
  value: string;
  onChange: (path: string) => void;
  describedBy?: string;
  required?: boolean;
}) {
  const api = useApi();
  const id = useId();
  const choose = () =>
    void api.chooseFolder(purpose).then(
      (d) => {
        if (d) onChange(d);
      },
      () => undefined,
    );
  return (
    <>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        type="text"
        value={value}
        required={required}
        maxLength={4096}
        readOnly={api.choosesFolders}
        aria-describedby={describedBy}
        onChange={api.choosesFolders ? undefined : (e) => onChange(e.target.value)}
      />
      {api.choosesFolders && (
        <button type="button" className="btn btn-small" onClick={choose}>
          {chooseLabel}
        </button>
      )}
    </>
  );
}
