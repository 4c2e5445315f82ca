import { describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../../../contract/schemas/records';
import { documentSummary, documentVersion } from '../../../test/data';
import { mergeDocument } from './merge-document';


/** Answers of documents.get are new objects each time; the merge keeps what did not change. */
const copy = (d: DocumentDetail): DocumentDetail => JSON.parse(JSON.stringify(d)) as DocumentDetail;

describe('mergeDocument', () => {
  const doc: DocumentDetail = { ...documentSummary(), versions: [documentVersion(1), documentVersion(2)] };

  it('returns the shown document itself when a reload brings nothing new (the viewer is not drawn again)', () => {
    expect(mergeDocument(doc, copy(doc))).toBe(doc);
  });

  it('takes changed metadata but keeps the version objects', () => {
    const merged = mergeDocument(doc, { ...copy(doc), title: 'Neu' });
    expect(merged.title).toBe('Neu');
    expect(merged.versions).toBe(doc.versions);
  });

  it('adds a new version and keeps the objects of the earlier ones', () => {
    const v3 = documentVersion(3);
    const merged = mergeDocument(doc, { ...copy(doc), versions: [...copy(doc).versions, v3] });
    expect(merged.versions).toHaveLength(3);
    expect(merged.versions[0]).toBe(doc.versions[0]);
    expect(merged.versions[1]).toBe(doc.versions[1]);
    expect(merged.versions[2]).toEqual(v3);
  });

  it('takes a version whose fields changed (renumbered by the sync) as new', () => {
    const next = copy(doc);
    next.versions[1]!.versionNo = 3;
    const merged = mergeDocument(doc, next);
    expect(merged.versions[0]).toBe(doc.versions[0]);
    expect(merged.versions[1]).not.toBe(doc.versions[1]);
    expect(merged.versions[1]!.versionNo).toBe(3);
  });
});
