import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../api/api-error';
import { de } from '../i18n/de';
import { ErrorNotice } from './ErrorNotice';

export interface ActionPanelProps {
  title: string;
  subtitle?: string;
  submitLabel: string;
  pending: boolean;
  error: ApiError | null;
  onSubmit: () => void;
  onCancel: () => void;
  /** Shown above the fields when the input came back from a saved draft. */
  draftRestored?: boolean;
  children?: ReactNode;
}

/**
 * An inline form for one action on the current record (no modal: the record stays readable).
 * The first field gets focus; Esc cancels.
 */
export function ActionPanel(props: ActionPanelProps) {
  const titleId = useId();
  const ref = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('input, textarea, select, button[type="submit"]');
    first?.focus();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };

  return (
    <form
      ref={ref}
      className="panel action-panel"
      aria-labelledby={titleId}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
        }
      }}
    >
      <h2 id={titleId} className="panel-title">
        {props.title}
        {props.subtitle && <span className="panel-subtitle"> {props.subtitle}</span>}
      </h2>
      {props.draftRestored && (
        <p className="notice notice-info" role="status">
          {de.forms.draftRestored}
        </p>
      )}
      {props.children}
      {props.error && <ErrorNotice error={props.error} onRetry={props.onSubmit} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={props.pending}>
          {props.pending ? de.forms.saving : props.submitLabel}
        </button>
        <button type="button" className="btn" onClick={props.onCancel}>
          {de.forms.cancel}
        </button>
      </div>
    </form>
  );
}
