import { useEffect, useState } from 'react';
import { toApiError, type ApiError } from '../../api/api-error';
import { useApi } from '../../api/ApiProvider';

/** Fetches a document version into an object URL (revoked when the view goes away). */
export function useObjectUrl(versionUuid: string | null): { url: string | null; error: ApiError | null; retry: () => void } {
  const api = useApi();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!versionUuid) return;
    let live = true;
    let created: string | null = null;
    setError(null);
    api.readFile(versionUuid).then(
      (blob) => {
        if (!live) return;
        created = URL.createObjectURL(blob);
        setUrl(created);
      },
      (err: unknown) => live && setError(toApiError(err)),
    );
    return () => {
      live = false;
      if (created) URL.revokeObjectURL(created);
      setUrl(null);
    };
  }, [api, versionUuid, attempt]);

  return { url, error, retry: () => setAttempt((n) => n + 1) };
}
