import { useEffect, useState } from 'react';
import type { PageHits } from '../../../../contract/methods/viewer';
import { toApiError, type ApiError } from '../../../api/api-error';
import { useApi } from '../../../api/ApiProvider';
import type { ViewerDocument } from './document';
import { textRunHits } from './geometry';

export type HitsState = { status: 'none' } | { status: 'loading' } | { status: 'ready'; pages: PageHits[] } | { status: 'failed'; error: ApiError };

/**
 * Where the query's words are on the pages: from the word boxes intake stored (OCR'd scans), else from
 * the PDF's own text (born-digital files).
 */
export function useHits(versionUuid: string, query: string | null, doc: ViewerDocument | null): HitsState {
  const api = useApi();
  const [state, setState] = useState<HitsState>({ status: 'none' });
  useEffect(() => {
    if (!query?.trim() || !doc) {
      setState({ status: 'none' });
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    const fromText = async (): Promise<PageHits[]> => {
      const pages: PageHits[] = [];
      for (let page = 1; page <= doc.numPages && live; page++) {
        const boxes = textRunHits(await doc.textRuns(page), query);
        if (boxes.length) pages.push({ page, ...(await doc.pageSize(page)), boxes });
      }
      return pages;
    };
    api
      .call('documents.locateHits', { versionUuid, q: query })
      .then((r) => (r.source === 'words' ? r.pages : fromText()))
      .then(
        (pages) => live && setState({ status: 'ready', pages }),
        (err: unknown) => live && setState({ status: 'failed', error: toApiError(err) }),
      );
    return () => {
      live = false;
    };
  }, [api, versionUuid, query, doc]);
  return state;
}
