import { useEffect, useState } from 'react';
import type { ViewerDocument } from './document';

export type DocumentState = { status: 'loading' } | { status: 'ready'; doc: ViewerDocument } | { status: 'failed' };

/** Opens fetched PDF content with pdf.js, loaded on first use so the lists never wait for it. */
export function useViewerDocument(blob: Blob | null): DocumentState {
  const [state, setState] = useState<DocumentState>({ status: 'loading' });
  useEffect(() => {
    if (!blob) return;
    let live = true;
    let opened: ViewerDocument | null = null;
    setState({ status: 'loading' });
    Promise.all([blob.arrayBuffer(), import('./pdf-js')])
      .then(([bytes, { openPdf }]) => openPdf(bytes))
      .then(
        (doc) => {
          if (live) {
            opened = doc;
            setState({ status: 'ready', doc });
          } else doc.destroy();
        },
        (err: unknown) => {
          // Content problems are the file's, not the app's: say so in German, keep the download.
          console.warn('pdf not displayable', err instanceof Error ? err.name : err);
          if (live) setState({ status: 'failed' });
        },
      );
    return () => {
      live = false;
      opened?.destroy();
    };
  }, [blob]);
  return state;
}
