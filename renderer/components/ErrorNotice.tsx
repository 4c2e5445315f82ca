import type { ApiError } from '../api/api-error';
import { de } from '../i18n/de';

/** The core's German message with its support reference, and a retry button when retrying can help. */
export function ErrorNotice({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-text">{error.message}</p>
      <p className="notice-ref">
        {de.errors.reference}: <code>{error.ref}</code>
      </p>
      {error.retryable && onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {de.errors.retry}
        </button>
      )}
    </div>
  );
}
