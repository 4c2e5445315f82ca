export interface Revisions {
  /** Offsets a signed range may end at: after each "%%EOF", with or without its end-of-line. */
  readonly ends: ReadonlySet<number>;
  /** Offsets of the "%%EOF" markers, one per revision. */
  readonly markers: readonly number[];
}

/** Where the revisions of a PDF end; every incremental update adds one. */
export function findRevisions(pdf: Uint8Array): Revisions {
  const ends = new Set<number>();
  const markers: number[] = [];
  const marker = Buffer.from('%%EOF');
  const buf = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  for (let at = buf.indexOf(marker); at !== -1; at = buf.indexOf(marker, at + 1)) {
    markers.push(at);
    let end = at + marker.length;
    ends.add(end);
    if (buf[end] === 0x0d) ends.add(++end);
    if (buf[end] === 0x0a) ends.add(end + 1);
  }
  return { ends, markers };
}
