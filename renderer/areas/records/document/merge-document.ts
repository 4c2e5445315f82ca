import type { DocumentDetail } from '../../../../contract/schemas/records';

const shallowEqual = <T extends object>(a: T, b: T, skip?: keyof T): boolean => {
  const keys = Object.keys(b) as (keyof T)[];
  return keys.length === Object.keys(a).length && keys.every((k) => k === skip || a[k] === b[k]);
};

/**
 * The newer state of a document, keeping the older objects where nothing changed: the page and its
 * viewer (keyed on a version) then draw again only for what is really new, e.g. a signed version.
 */
export function mergeDocument(prev: DocumentDetail, next: DocumentDetail): DocumentDetail {
  const versions = next.versions.map((v) => prev.versions.find((p) => p.uuid === v.uuid && shallowEqual(p, v)) ?? v);
  const sameVersions = versions.length === prev.versions.length && versions.every((v, i) => v === prev.versions[i]);
  if (sameVersions && shallowEqual(prev, next, 'versions')) return prev;
  return { ...next, versions: sameVersions ? prev.versions : versions };
}
