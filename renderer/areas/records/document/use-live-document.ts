import { useCallback, useRef, useState } from 'react';
import type { DocumentDetail } from '../../../../contract/schemas/records';
import { useApi } from '../../../api/ApiProvider';
import { useRecordsChanged } from '../../../components/use-records-changed';
import { mergeDocument } from './merge-document';

/**
 * The document a page shows. What the page's own actions return (a signature, an upload, new metadata)
 * and changes made elsewhere (`records.changed` for this document only, e.g. a timestamp added in the
 * background) replace it, merged so that unchanged versions keep their objects and the viewer is not
 * drawn again for nothing.
 */
export function useLiveDocument(initial: DocumentDetail): [DocumentDetail, (next: DocumentDetail) => void] {
  const api = useApi();
  const [doc, setDoc] = useState(initial);
  const update = useCallback((next: DocumentDetail) => setDoc((prev) => mergeDocument(prev, next)), []);
  const latest = useRef(0);
  const reload = () => {
    const ask = ++latest.current;
    api.call('documents.get', { uuid: initial.uuid }).then(
      (next) => ask === latest.current && update(next),
      // Gone from sight (handed to another Amt, deleted): the page keeps what it shows; the next visit says so.
      (err: unknown) => console.warn('document not reloaded', err),
    );
  };
  useRecordsChanged(reload, ['document'], initial.uuid);
  return [doc, update];
}
