import type { IngestReport, ObjectNode } from './receive';
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

const typeOf: Record<ObjectNode['kind'], string> = { akte: 'Akte', vorgang: 'Vorgang', dokument: 'Dokument' };

/** One object's div with its children, a line per piece, so a large tree never becomes one string. */
function* structDiv(node: ObjectNode, fileIds: ReadonlyMap<string, string>, indent: string): Generator<string> {
  const label = node.title !== undefined ? ` LABEL="${x(node.title)}"` : '';
  yield `${indent}<mets:div TYPE="${typeOf[node.kind]}" ID="OBJ-${x(node.xdomeaUuid)}"${label}>\n`;
  for (const v of node.versions) {
    for (const f of v.formats) {
      const id = fileIds.get(f.file.fileName);
      if (id !== undefined) yield `${indent}  <mets:fptr FILEID="${id}"/>\n`;
    }
  }
  for (const c of node.children) yield* structDiv(c, fileIds, `${indent}  `);
  yield `${indent}</mets:div>\n`;
}

/** METS 1.x: one file group per use, the object tree of the 0503 as the structural map; piece by piece. */
export function* metsPieces(report: IngestReport, files: readonly PayloadFile[], createdAt: string): Generator<string> {
  const byName = new Map(
    files.filter((f) => f.use === 'primary').map((f) => [f.bagPath.replace(/^primary\//, ''), f.id]),
  );
  yield* metsDocumentPieces({
    objId: report.prozessId ?? '',
    type: 'xdomea-Aussonderung',
    createdAt,
    uses: ['primary', 'message'],
    files,
    structMap: (function* () {
      yield `    <mets:div TYPE="Aussonderung">\n`;
      for (const n of report.objects) yield* structDiv(n, byName, '      ');
      yield `    </mets:div>\n`;
    })(),
  });
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
  /** The divs inside `<mets:structMap TYPE="logical">`, indented by four spaces. */
  structMap: Iterable<string>;
  /** Descriptive (`<mets:dmdSec>`) and administrative (`<mets:amdSec>`) sections, indented by two. */
  dmd?: string;
  amd?: string;
}

/** The METS frame every package shares: header, one file group per use (in the given order), structMap. */
function* metsDocumentPieces(m: MetsFrame): Generator<string> {
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
  yield* m.structMap;
  yield `  </mets:structMap>\n</mets:mets>\n`;
}

/** The whole METS file as one string: for packages of a few files (a Digitalisat). */
export const metsDocument = (m: MetsFrame & { structMap: string }): string => [...metsDocumentPieces(m)].join('');
