import { useId, type ReactNode } from 'react';

interface SelectFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  inline?: boolean;
  required?: boolean;
  /** The <option> elements. */
  children: ReactNode;
}

/**
 * A labelled select. The label is tied by id, not wrapped around the select: a wrapping label would
 * make the chosen option part of the field's accessible name ("Amt Alle Ämter").
 */
export function SelectField({ label, value, onChange, inline, required, children }: SelectFieldProps) {
  const id = useId();
  return (
    <div className={inline ? 'field field-inline' : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} value={value} required={required} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}
