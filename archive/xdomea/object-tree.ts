import type { RecordObject, Uuid } from './model';

/** Visits every object in the trees, parents first: Akten, Teilakten, Vorgänge, Teilvorgänge, Dokumente, Anlagen. */
export function walkObjects(objects: readonly RecordObject[], visit: (object: RecordObject) => void): void {
  const walk = (object: RecordObject): void => {
    visit(object);
    if (object.kind === 'akte') {
      object.documents?.forEach(walk);
      object.vorgaenge?.forEach(walk);
      object.teilakten?.forEach(walk);
    } else if (object.kind === 'vorgang') {
      object.documents?.forEach(walk);
      object.teilvorgaenge?.forEach(walk);
    } else {
      object.attachments?.forEach(walk);
    }
  };
  objects.forEach(walk);
}

/** Every xdomea UUID in the trees. */
export function collectUuids(objects: readonly RecordObject[]): Set<Uuid> {
  const found = new Set<Uuid>();
  walkObjects(objects, (o) => found.add(o.xdomeaUuid));
  return found;
}

/** File names of all Primaerdokumente in the trees, in document order, each once. */
export function collectPrimaryFileNames(objects: readonly RecordObject[]): string[] {
  const names = new Set<string>();
  walkObjects(objects, (o) => {
    if (o.kind !== 'dokument') return;
    for (const version of o.versions ?? []) {
      for (const format of version.formats) names.add(format.file.fileName);
    }
  });
  return [...names];
}
