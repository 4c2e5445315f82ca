import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { SRGB_PROFILE_DESCRIPTION, srgbIccProfile } from '../color/srgb-profile';
import { pdfDate } from '../metadata/dates';
import { assertUuid, idHexToUuid, newUuid, uuidToIdHex } from '../metadata/document-id';
import { resolveMetadata, type PdfAMetadata, type ResolvedMetadata } from '../metadata/pdfa-metadata';
import { buildXmp } from '../metadata/write-xmp';

/**
 * Writes what makes a document PDF/A-2b beyond its content: Info dictionary, XMP stream, sRGB output
 * intent (unless a PDF/A output intent with a profile is already there) and the trailer /ID. Works on a
 * pdf-lib context, so it serves both new documents and repaired existing files.
 */
export function applyPdfAStructures(
  context: PDFContext,
  catalog: PDFDict,
  meta: PdfAMetadata,
): ResolvedMetadata {
  const resolved = resolveMetadata(meta, resolveIds(context, meta));
  writeInfo(context, resolved);
  const xmp = new TextEncoder().encode(buildXmp(resolved));
  const metadata = context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(
    PDFName.of('Metadata'),
    replaceOrRegister(context, catalog.get(PDFName.of('Metadata')), metadata),
  );
  catalog.set(PDFName.of('Lang'), PDFString.of(resolved.language));
  if (!hasPdfAOutputIntent(context, catalog)) addSrgbOutputIntent(context, catalog);
  context.trailerInfo.ID = context.obj([
    PDFHexString.of(uuidToIdHex(resolved.documentId)),
    PDFHexString.of(uuidToIdHex(resolved.instanceId)),
  ]);
  return resolved;
}

/** Keeps a file's permanent identifier (first /ID entry) unless the caller names one. */
function resolveIds(context: PDFContext, meta: PdfAMetadata): { documentId: string; instanceId: string } {
  const instanceId = meta.instanceId === undefined ? newUuid() : assertUuid('instanceId', meta.instanceId);
  if (meta.documentId !== undefined)
    return { documentId: assertUuid('documentId', meta.documentId), instanceId };
  const id = context.lookup(context.trailerInfo.ID);
  const first = id instanceof PDFArray ? id.get(0) : undefined;
  const existing =
    first instanceof PDFHexString || first instanceof PDFString
      ? idHexToUuid(Buffer.from(first.asBytes()).toString('hex'))
      : null;
  return { documentId: existing ?? newUuid(), instanceId };
}

const text = (value: string): PDFHexString => PDFHexString.fromText(value);

function writeInfo(context: PDFContext, meta: ResolvedMetadata): void {
  const entries: Record<string, PDFObject | undefined> = {
    Title: meta.title === undefined ? undefined : text(meta.title),
    Author: meta.author === undefined ? undefined : text(meta.author),
    Subject: meta.subject === undefined ? undefined : text(meta.subject),
    Keywords: meta.keywords === undefined ? undefined : text(meta.keywords),
    Creator: text(meta.creatorTool),
    Producer: text(meta.producer),
    CreationDate: PDFString.of(pdfDate(meta.createdAt)),
    ModDate: PDFString.of(pdfDate(meta.modifiedAt)),
  };
  // A fresh dictionary: stale entries (e.g. an old /Trapped or another tool's /Producer) cannot contradict the XMP.
  const info = PDFDict.withContext(context);
  for (const [key, value] of Object.entries(entries)) if (value) info.set(PDFName.of(key), value);
  context.trailerInfo.Info = replaceOrRegister(context, context.trailerInfo.Info, info);
}

/** Reuses the object number of what is replaced, so no orphaned old version stays in the file. */
function replaceOrRegister(context: PDFContext, existing: PDFObject | undefined, value: PDFObject): PDFRef {
  if (existing instanceof PDFRef) {
    context.assign(existing, value);
    return existing;
  }
  return context.register(value);
}

function hasPdfAOutputIntent(context: PDFContext, catalog: PDFDict): boolean {
  const intents = context.lookup(catalog.get(PDFName.of('OutputIntents')));
  if (!(intents instanceof PDFArray)) return false;
  return intents.asArray().some((entry) => {
    const intent = context.lookup(entry);
    return (
      intent instanceof PDFDict &&
      intent.get(PDFName.of('S')) === PDFName.of('GTS_PDFA1') &&
      context.lookup(intent.get(PDFName.of('DestOutputProfile'))) instanceof PDFRawStream
    );
  });
}

function addSrgbOutputIntent(context: PDFContext, catalog: PDFDict): void {
  const profile = context.register(context.flateStream(srgbIccProfile(), { N: 3 }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of(SRGB_PROFILE_DESCRIPTION),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: profile,
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));
}
