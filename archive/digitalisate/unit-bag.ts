import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bagitPackager, sha256, writeBagTags } from '../ingest/bagit';
import { metsDocument, type PayloadFile } from '../ingest/mets';
import type { WrittenSubmission } from '../ingest/packager';
import { writePremis } from '../ingest/premis';
import { xmlEscape as x } from '../ingest/xml-text';
import type { PageRow, UnitRow } from './register';

/**
 * BagIt 1.0 for one Digitalisat (same target and tag files as an Aussonderung's bag):
 * `data/master/` the scanned files unchanged, `data/access/` an OCR'd PDF/A copy, `data/metadata/`
 * METS (dmdSec with the unit's description, MIX per page, structMap Bestand → VE → pages) and PREMIS.
 */
export interface UnitBagInput {
  readonly unit: UnitRow;
  readonly pages: readonly PageRow[];
  /** The access copy (PDF/A-2b); null when none could be made. */
  readonly access: Buffer | null;
  readonly createdAt: string;
}

/** One path segment with letters, digits, dot, dash and underscore only. */
const safeName = (name: string): string => name.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(-120);
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

const COLOUR_SPACE: Record<PageRow['colour'], string> = { bitonal: 'WhiteIsZero', grey: 'BlackIsZero', colour: 'RGB' };

function mix(page: PageRow): string {
  const dpi =
    page.dpi === null
      ? ''
      : `<mix:ImageAssessmentMetadata><mix:SpatialMetrics><mix:samplingFrequencyUnit>in.</mix:samplingFrequencyUnit>` +
        `<mix:xSamplingFrequency><mix:numerator>${page.dpi}</mix:numerator></mix:xSamplingFrequency>` +
        `<mix:ySamplingFrequency><mix:numerator>${page.dpi}</mix:numerator></mix:ySamplingFrequency></mix:SpatialMetrics></mix:ImageAssessmentMetadata>`;
  return (
    `    <mets:techMD ID="TECH-PAGE-${page.position}"><mets:mdWrap MDTYPE="NISOIMG"><mets:xmlData>` +
    `<mix:mix xmlns:mix="http://www.loc.gov/mix/v20">` +
    `<mix:BasicDigitalObjectInformation><mix:FormatDesignation><mix:formatName>${page.mime_type}</mix:formatName></mix:FormatDesignation></mix:BasicDigitalObjectInformation>` +
    `<mix:BasicImageInformation><mix:BasicImageCharacteristics><mix:imageWidth>${page.width}</mix:imageWidth><mix:imageHeight>${page.height}</mix:imageHeight>` +
    `<mix:PhotometricInterpretation><mix:colorSpace>${COLOUR_SPACE[page.colour]}</mix:colorSpace></mix:PhotometricInterpretation></mix:BasicImageCharacteristics></mix:BasicImageInformation>` +
    `${dpi}</mix:mix></mets:xmlData></mets:mdWrap></mets:techMD>\n`
  );
}

function dmd(unit: UnitRow): string {
  return (
    `  <mets:dmdSec ID="DMD-VE"><mets:mdWrap MDTYPE="DC"><mets:xmlData>\n` +
    `    <dcterms:isPartOf xmlns:dcterms="http://purl.org/dc/terms/">${x(unit.bestand)}</dcterms:isPartOf>\n` +
    `    <dcterms:identifier xmlns:dcterms="http://purl.org/dc/terms/">${x(unit.signatur)}</dcterms:identifier>\n` +
    `    <dcterms:title xmlns:dcterms="http://purl.org/dc/terms/">${x(unit.titel)}</dcterms:title>\n` +
    `    <dcterms:temporal xmlns:dcterms="http://purl.org/dc/terms/">${x(unit.laufzeit)}</dcterms:temporal>\n` +
    `    <dcterms:provenance xmlns:dcterms="http://purl.org/dc/terms/">${x(unit.provenienz)}</dcterms:provenance>\n` +
    `  </mets:xmlData></mets:mdWrap></mets:dmdSec>\n`
  );
}

/** Writes the bag into `outDir/name`; masters come from `read` (the blob store, hash-checked). */
export async function writeUnitBag(
  input: UnitBagInput,
  outDir: string,
  name: string,
  read: (sha256: string) => Promise<Buffer>,
): Promise<WrittenSubmission> {
  const { unit, pages } = input;
  const bag = path.join(outDir, name);
  const data = path.join(bag, 'data');
  for (const dir of ['master', 'access', 'metadata']) await mkdir(path.join(data, dir), { recursive: true });

  // One master file per scanned file (a multi-page TIFF holds several pages), in page order.
  const masters = new Map<string, PayloadFile>();
  const pagesOfFile = new Map<string, number[]>();
  for (const p of pages) {
    pagesOfFile.set(p.sha256, [...(pagesOfFile.get(p.sha256) ?? []), p.position]);
    if (masters.has(p.sha256)) continue;
    const id = `MASTER-${masters.size + 1}`;
    masters.set(p.sha256, {
      id,
      use: 'MASTER',
      bagPath: `master/${String(p.position).padStart(4, '0')}_${safeName(p.file_name)}`,
      sha256: p.sha256,
      size: p.size,
      puid: p.puid,
      formatName: p.format_name,
    });
  }
  const payload: PayloadFile[] = [...masters.values()].map((f) => ({
    ...f,
    admId: [`PREMIS-${f.id}`, ...pagesOfFile.get(f.sha256)!.map((n) => `TECH-PAGE-${n}`)].join(' '),
  }));
  // One file in memory at a time; the blob store checks each hash as it reads.
  for (const f of payload) await writeFile(path.join(data, f.bagPath), await read(f.sha256));
  if (input.access) {
    const access: PayloadFile = {
      id: 'ACCESS-1',
      use: 'ACCESS',
      bagPath: `access/${safeName(unit.signatur)}.pdf`,
      sha256: sha256(input.access),
      size: input.access.length,
      puid: 'fmt/477',
      formatName: 'PDF/A-2b',
    };
    await writeFile(path.join(data, access.bagPath), input.access);
    payload.push(access);
  }

  const fileIds = new Map([...masters].map(([hash, f]) => [hash, f.id]));
  const pageDivs = pages
    .map(
      (p) =>
        `        <mets:div TYPE="page" ID="PAGE-${p.position}" ORDER="${p.position}" LABEL="Seite ${p.position}" ADMID="TECH-PAGE-${p.position}">` +
        `<mets:fptr FILEID="${fileIds.get(p.sha256)}"/></mets:div>\n`,
    )
    .join('');
  const accessPtr = input.access ? `        <mets:fptr FILEID="ACCESS-1"/>\n` : '';
  const mets = metsDocument({
    objId: unit.uuid,
    type: 'Digitalisat',
    createdAt: input.createdAt,
    uses: ['MASTER', 'ACCESS'],
    files: payload,
    dmd: dmd(unit),
    amd: `  <mets:amdSec>\n${pages.map(mix).join('')}  </mets:amdSec>\n`,
    structMap:
      `    <mets:div TYPE="Bestand" LABEL="${x(unit.bestand)}">\n` +
      `      <mets:div TYPE="Verzeichnungseinheit" ID="VE-${unit.uuid}" DMDID="DMD-VE" LABEL="${x(`${unit.signatur}: ${unit.titel}`)}">\n` +
      accessPtr +
      pageDivs +
      `      </mets:div>\n    </mets:div>\n`,
  });
  const premis = writePremis(payload, {
    receivedAt: input.createdAt,
    intake: {
      received: `Digitalisat ${oneLine(unit.signatur)}: ${pages.length} pages from ${masters.size} scanned master files`,
      validated: 'masters identified from content as lossless TIFF/PNG and decoded page by page',
    },
  });
  await writeFile(path.join(data, 'metadata/mets.xml'), mets);
  await writeFile(path.join(data, 'metadata/premis.xml'), premis);

  const manifest = new Map<string, string>(payload.map((f) => [`data/${f.bagPath}`, f.sha256]));
  manifest.set('data/metadata/mets.xml', sha256(mets));
  manifest.set('data/metadata/premis.xml', sha256(premis));
  const octets = payload.reduce((n, f) => n + f.size, 0) + Buffer.byteLength(mets) + Buffer.byteLength(premis);
  await writeBagTags(bag, manifest, octets, {
    identifier: unit.uuid,
    baggingDate: input.createdAt.slice(0, 10),
    agent: 'eAkte Desk archive/digitalisate',
    description: oneLine(`Digitalisat ${unit.bestand} ${unit.signatur}: ${unit.titel} (${unit.laufzeit})`),
  });
  return { target: bagitPackager.target, path: bag, files: manifest };
}
