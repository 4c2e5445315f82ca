import type { PackagedObject, SubmissionContent } from './packager';
import { xmlEscape as x } from './xml-text';

/** A payload file of the bag as METS and PREMIS see it: path inside `data/`, hash, PRONOM id. */
export interface PayloadFile {
  readonly id: string;
  /** METS file group: `primary`/`message` for an Aussonderung, `MASTER`/`ACCESS` for a Digitalisat. */
  readonly use: 'primary' | 'message' | 'MASTER' | 'ACCESS';
  readonly bagPath: string;
  readonly sha256: string;
  readonly size: number;
  readonly puid?: string;
  readonly formatName?: string;
  /** ADMID of the file's administrative metadata; default `PREMIS-<id>` when the format is known. */
  readonly admId?: string;
}

const typeOf: Record<PackagedObject['kind'], string> = { akte: 'Akte', vorgang: 'Vorgang', dokument: 'Dokument' };

/** The objects' divs nested by depth, a line per piece, so a large tree never becomes one string. */
async function* structDivs(objects: AsyncIterable<PackagedObject>, fileIds: ReadonlyMap<string, string>): AsyncGenerator<string> {
  const indent = (depth: number) => '      ' + '  '.repeat(depth);
  let open = 0;
  for await (const o of objects) {
    for (; open > o.depth; open--) yield `${indent(open - 1)}</mets:div>\n`;
    const label = o.title !== undefined ? ` LABEL="${x(o.title)}"` : '';
    yield `${indent(o.depth)}<mets:div TYPE="${typeOf[o.kind]}" ID="OBJ-${x(o.xdomeaUuid)}"${label}>\n`;
    for (const name of o.fileNames) {
      const id = fileIds.get(name);
      if (id !== undefined) yield `${indent(o.depth)}  <mets:fptr FILEID="${id}"/>\n`;
    }
    open = o.depth + 1;
  }
  for (; open > 0; open--) yield `${indent(open - 1)}</mets:div>\n`;
}

/** METS 1.x: one file group per use, the object tree of the 0503 as the structural map; piece by piece. */
export async function* metsPieces(
  content: SubmissionContent,
  files: readonly PayloadFile[],
  createdAt: string,
): AsyncGenerator<string> {
  const byName = new Map(
    files.filter((f) => f.use === 'primary').map((f) => [f.bagPath.replace(/^primary\//, ''), f.id]),
  );
  yield* metsHead({ objId: content.prozessId, type: 'xdomea-Aussonderung', createdAt, uses: ['primary', 'message'], files });
  yield `    <mets:div TYPE="Aussonderung">\n`;
  yield* structDivs(content.objects(), byName);
  yield `    </mets:div>\n`;
  yield METS_END;
}

const admId = (f: PayloadFile): string => {
  const id = f.admId ?? (f.puid ? `PREMIS-${f.id}` : undefined);
  return id ? ` ADMID="${id}"` : '';
};

interface MetsFrame {
  objId: string;
  type: string;
  createdAt: string;
  uses: readonly PayloadFile['use'][];
  files: readonly PayloadFile[];
  /** Descriptive (`<mets:dmdSec>`) and administrative (`<mets:amdSec>`) sections, indented by two. */
  dmd?: string;
  amd?: string;
}

const METS_END = `  </mets:structMap>\n</mets:mets>\n`;

/** The METS frame every package shares up to the structMap: header, one file group per use (in order). */
function* metsHead(m: MetsFrame): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" OBJID="${x(m.objId)}" TYPE="${x(m.type)}">\n` +
    `  <mets:metsHdr CREATEDATE="${m.createdAt}"/>\n` +
    (m.dmd ?? '') +
    (m.amd ?? '') +
    `  <mets:fileSec>\n`;
  for (const use of m.uses) {
    yield `    <mets:fileGrp USE="${use}">\n`;
    for (const f of m.files) {
      if (f.use !== use) continue;
      yield `      <mets:file ID="${f.id}" SIZE="${f.size}" CHECKSUM="${f.sha256}" CHECKSUMTYPE="SHA-256"${admId(f)}>\n` +
        `        <mets:FLocat LOCTYPE="URL" xlink:href="${x(f.bagPath)}"/>\n      </mets:file>\n`;
    }
    yield `    </mets:fileGrp>\n`;
  }
  yield `  </mets:fileSec>\n  <mets:structMap TYPE="logical">\n`;
}

/** The whole METS file as one string: for packages of a few files (a Digitalisat); `structMap` the divs
 * inside `<mets:structMap TYPE="logical">`, indented by four spaces. */
export const metsDocument = (m: MetsFrame & { structMap: string }): string => [...metsHead(m), m.structMap, METS_END].join('');
