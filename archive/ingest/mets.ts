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

function structDiv(node: ObjectNode, fileIds: ReadonlyMap<string, string>, indent: string): string {
  const fptrs = node.versions
    .flatMap((v) => v.formats)
    .map((f) => fileIds.get(f.file.fileName))
    .filter((id): id is string => id !== undefined)
    .map((id) => `${indent}  <mets:fptr FILEID="${id}"/>\n`)
    .join('');
  const children = node.children.map((c) => structDiv(c, fileIds, `${indent}  `)).join('');
  const label = node.title !== undefined ? ` LABEL="${x(node.title)}"` : '';
  return `${indent}<mets:div TYPE="${typeOf[node.kind]}" ID="OBJ-${x(node.xdomeaUuid)}"${label}>\n${fptrs}${children}${indent}</mets:div>\n`;
}

/** METS 1.x: one file group per use, the object tree of the 0503 as the structural map. */
export function writeMets(report: IngestReport, files: readonly PayloadFile[], createdAt: string): string {
  const byName = new Map(
    files.filter((f) => f.use === 'primary').map((f) => [f.bagPath.replace(/^primary\//, ''), f.id]),
  );
  const divs: string[] = [];
  report.objects.forEach((n) => divs.push(structDiv(n, byName, '      ')));
  return metsDocument({
    objId: report.prozessId ?? '',
    type: 'xdomea-Aussonderung',
    createdAt,
    uses: ['primary', 'message'],
    files,
    structMap: `    <mets:div TYPE="Aussonderung">\n${divs.join('')}    </mets:div>\n`,
  });
}

const admId = (f: PayloadFile): string => {
  const id = f.admId ?? (f.puid ? `PREMIS-${f.id}` : undefined);
  return id ? ` ADMID="${id}"` : '';
};

/** The METS frame every package shares: header, one file group per use (in the given order), structMap. */
export function metsDocument(m: {
  objId: string;
  type: string;
  createdAt: string;
  uses: readonly PayloadFile['use'][];
  files: readonly PayloadFile[];
  /** The divs inside `<mets:structMap TYPE="logical">`, indented by four spaces. */
  structMap: string;
  /** Descriptive (`<mets:dmdSec>`) and administrative (`<mets:amdSec>`) sections, indented by two. */
  dmd?: string;
  amd?: string;
}): string {
  const groups = m.uses
    .map((use) => {
      const entries = m.files
        .filter((f) => f.use === use)
        .map(
          (f) =>
            `      <mets:file ID="${f.id}" SIZE="${f.size}" CHECKSUM="${f.sha256}" CHECKSUMTYPE="SHA-256"${admId(f)}>\n` +
            `        <mets:FLocat LOCTYPE="URL" xlink:href="${x(f.bagPath)}"/>\n      </mets:file>\n`,
        )
        .join('');
      return `    <mets:fileGrp USE="${use}">\n${entries}    </mets:fileGrp>\n`;
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" OBJID="${x(m.objId)}" TYPE="${x(m.type)}">\n` +
    `  <mets:metsHdr CREATEDATE="${m.createdAt}"/>\n` +
    (m.dmd ?? '') +
    (m.amd ?? '') +
    `  <mets:fileSec>\n${groups}  </mets:fileSec>\n` +
    `  <mets:structMap TYPE="logical">\n${m.structMap}  </mets:structMap>\n` +
    `</mets:mets>\n`
  );
}
