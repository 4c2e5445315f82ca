import { useEffect, useState } from 'react';
import { toApiError, type ApiError } from '../../api/api-error';
import { useApi } from '../../api/ApiProvider';

/** Fetches a document version into an object URL (revoked when the view goes away); the viewer reads the blob itself. */
export function useObjectUrl(versionUuid: string | null): { url: string | null; blob: Blob | null; error: ApiError | null; retry: () => void } {
  const api = useApi();
  const [file, setFile] = useState<{ url: string; blob: Blob } | null>(null);
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
        setFile({ url: created, blob });
      },
      (err: unknown) => live && setError(toApiError(err)),
    );
    return () => {
      live = false;
      if (created) URL.revokeObjectURL(created);
      setFile(null);
    };
  }, [api, versionUuid, attempt]);

  return { url: file?.url ?? null, blob: file?.blob ?? null, error, retry: () => setAttempt((n) => n + 1) };
}
