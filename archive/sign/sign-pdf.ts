import { createHash } from 'node:crypto';
import type { Clock } from '../../core/platform/clock';
import { AppError } from '../../contract/app-error';
import { addSignatureTimestamp, createCadesSignature, signatureValueOf } from './cms/cades';
import { fillByteRange } from './pdf/fill-signature';
import { appendIncrementalUpdate, type UpdateObject } from './pdf/incremental-update';
import { listFormFields } from './pdf/form-fields';
import { loadPdfForUpdate, type PdfForUpdate } from './pdf/load-pdf';
import { addSignatureField } from './pdf/signature-field';
import { createStampAppearance } from './pdf/stamp-appearance';
import { parseCertificate, type CertificateInfo, type ParsedCertificate } from './pki/certificates';
import { germanDateTime } from './pki/german-time';
import { signingCertificateProblems } from './pki/signing-certificate-policy';
import type { Signer } from './signer';
import type { TimestampClient } from './timestamp/timestamp-client';

/** A visible signature stamp; coordinates in points from the lower left corner of the page's crop box. */
export interface VisibleStamp {
  /** 1-based page number. */
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** A TrueType font for the stamp text, embedded as a subset (see loadDefaultStampFont). */
  readonly font: Uint8Array;
}

export interface SignPdfOptions {
  readonly signer: Signer;
  readonly clock: Clock;
  readonly reason?: string;
  readonly location?: string;
  /** Shown as /Name and on the stamp; defaults to the certificate's common name. */
  readonly signerName?: string;
  /** Defaults to "Signatur<n>" with the next free n. */
  readonly fieldName?: string;
  /** Without a stamp the signature is invisible. */
  readonly stamp?: VisibleStamp;
  /** With a client the signature gets a signature timestamp (B-T), or room for one later. */
  readonly timestamp?: TimestampClient;
  readonly maxBytes?: number;
}

export type TimestampState =
  | { readonly state: 'added'; readonly time: Date }
  /** Signed as B-B with room for a timestamp; upgrade later with addPendingTimestamp. */
  | { readonly state: 'pending'; readonly reason: 'sign.timestamp_unreachable' | 'sign.timestamp_rejected' }
  | { readonly state: 'not_requested' };

export interface SignPdfResult {
  /** A new array; the input is never changed. */
  readonly pdf: Uint8Array;
  readonly fieldName: string;
  readonly level: 'B-B' | 'B-T';
  readonly timestamp: TimestampState;
  readonly signingTime: Date;
  readonly certificate: CertificateInfo;
}

export const SUBFILTER_CADES = 'ETSI.CAdES.detached';
/** Room for a TSA's token (its certificates included) in /Contents, kept when the TSA cannot be reached. */
const TIMESTAMP_RESERVE_BYTES = 16_384;
const CMS_OVERHEAD_BYTES = 3_072;
const MIN_STAMP = { width: 60, height: 30 };

/**
 * Signs a PDF as PAdES baseline B-B (or B-T with a reachable TSA) in an incremental update, so earlier
 * signatures stay valid (Mitzeichnung) and a PDF/A stays PDF/A.
 */
export async function signPdf(input: Uint8Array, options: SignPdfOptions): Promise<SignPdfResult> {
  const signingTime = options.clock.now();
  const chain = options.signer.certificateChain.map(parseCertificate);
  const leaf = chain[0];
  if (!leaf) throw new AppError('sign.key_not_found', {}, 'signer without certificate');
  const [problem] = signingCertificateProblems(leaf.info, signingTime);
  if (problem) throw new AppError(problem.code, problem.params, `signer certificate refused: ${problem.code}`);

  const reserve = options.timestamp ? TIMESTAMP_RESERVE_BYTES : 0;
  let contentsBytes = chain.reduce((n, c) => n + c.der.length, CMS_OVERHEAD_BYTES) + reserve;
  // Two rounds at most: the second only when a TSA's token did not fit the reserved room.
  for (let round = 0; round < 2; round++) {
    const pdf = await loadPdfForUpdate(input, options.maxBytes);
    const fieldName = chooseFieldName(pdf, options.fieldName);
    const prepared = await prepareUpdate(pdf, fieldName, signingTime, leaf, contentsBytes, options);
    const slot = fillByteRange(prepared.bytes, prepared.signatureOffset);
    const hash = createHash('sha256');
    for (const part of slot.parts) hash.update(part);
    let cms = await createCadesSignature({ chain, contentDigest: hash.digest(), sign: (data) => options.signer.sign(data) });
    const outcome = options.timestamp ? await options.timestamp.stamp(signatureValueOf(cms)) : null;
    if (outcome?.ok) cms = addSignatureTimestamp(cms, outcome.token);
    if (cms.length > slot.capacity) {
      contentsBytes = cms.length + reserve;
      continue;
    }
    slot.write(cms);
    return {
      pdf: prepared.bytes,
      fieldName,
      level: outcome?.ok ? 'B-T' : 'B-B',
      timestamp: !outcome
        ? { state: 'not_requested' }
        : outcome.ok
          ? { state: 'added', time: outcome.time }
          : { state: 'pending', reason: outcome.code },
      signingTime,
      certificate: leaf.info,
    };
  }
  throw new Error('the signature did not fit the room measured for it');
}

function chooseFieldName(pdf: PdfForUpdate, wanted: string | undefined): string {
  const names = new Set(listFormFields(pdf.doc.context, pdf.rootRef).map((f) => f.name));
  if (wanted !== undefined) {
    if (names.has(wanted)) throw new AppError('sign.field_exists', { name: wanted }, 'signature field name taken');
    return wanted;
  }
  let n = 1;
  while (names.has(`Signatur${n}`)) n++;
  return `Signatur${n}`;
}

async function prepareUpdate(
  pdf: PdfForUpdate,
  fieldName: string,
  signingTime: Date,
  leaf: ParsedCertificate,
  contentsBytes: number,
  options: SignPdfOptions,
): Promise<{ bytes: Uint8Array; signatureOffset: number }> {
  const { doc } = pdf;
  const firstNew = doc.context.largestObjectNumber + 1;
  const name = options.signerName ?? leaf.info.commonName ?? leaf.info.subject;
  const stamp = options.stamp;
  let pageIndex = 0;
  let rect: [number, number, number, number] = [0, 0, 0, 0];
  let appearance;
  if (stamp) {
    pageIndex = stampPageIndex(pdf, stamp);
    const crop = doc.getPage(pageIndex).getCropBox();
    rect = [crop.x + stamp.x, crop.y + stamp.y, crop.x + stamp.x + stamp.width, crop.y + stamp.y + stamp.height];
    const lines = [
      'Digital signiert von',
      name,
      `am ${germanDateTime(signingTime)}`,
      ...(options.reason ? [`Grund: ${options.reason}`] : []),
      ...(options.location ? [`Ort: ${options.location}`] : []),
    ];
    appearance = await createStampAppearance(doc, stamp.font, stamp, lines);
  } else {
    // PDF/A wants an appearance for every widget; an empty one for an invisible signature.
    appearance = doc.context.register(doc.context.formXObject([], { BBox: [0, 0, 0, 0] }));
  }
  const { signatureRef, changed } = addSignatureField(
    doc,
    pdf.rootRef,
    fieldName,
    {
      subFilter: SUBFILTER_CADES,
      signingTime,
      name,
      reason: options.reason,
      location: options.location,
      contentsBytes,
    },
    { pageIndex, rect, appearance },
  );
  await doc.flush();
  const objects: UpdateObject[] = [
    ...changed,
    ...doc.context
      .enumerateIndirectObjects()
      .filter(([ref]) => ref.objectNumber >= firstNew)
      .map(([ref, object]) => ({ ref, object })),
  ];
  const first = pdf.permanentId ?? sha256(Buffer.from(String(pdf.xref.startxref))).subarray(0, 16);
  const second = sha256(Buffer.concat([first, Buffer.from(`${fieldName}|${signingTime.toISOString()}`)])).subarray(0, 16);
  const update = appendIncrementalUpdate(pdf.bytes, pdf.xref, objects, doc.context, { first, second });
  return { bytes: update.bytes, signatureOffset: update.offsets.get(signatureRef.objectNumber)! };
}

function stampPageIndex(pdf: PdfForUpdate, stamp: VisibleStamp): number {
  const pages = pdf.doc.getPageCount();
  if (!Number.isInteger(stamp.page) || stamp.page < 1 || stamp.page > pages)
    throw new AppError('sign.page_out_of_range', { page: stamp.page, pages }, 'stamp page out of range');
  const crop = pdf.doc.getPage(stamp.page - 1).getCropBox();
  const inside =
    stamp.x >= 0 && stamp.y >= 0 && stamp.x + stamp.width <= crop.width && stamp.y + stamp.height <= crop.height;
  if (!inside || stamp.width < MIN_STAMP.width || stamp.height < MIN_STAMP.height)
    throw new AppError('sign.stamp_invalid', {}, 'stamp rectangle outside the page or too small');
  return stamp.page - 1;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();
