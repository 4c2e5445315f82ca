import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';
import type { UpdateObject } from './incremental-update';

/** Room for one byte range number; written over once the offsets are known. */
const BYTE_RANGE_PLACEHOLDER = '**********';

export interface SignatureDictionarySpec {
  readonly subFilter: string;
  readonly signingTime: Date;
  readonly name?: string;
  readonly reason?: string;
  readonly location?: string;
  /** Room for the CMS in bytes; the hex string in /Contents is twice as long. */
  readonly contentsBytes: number;
}

export interface WidgetSpec {
  readonly pageIndex: number;
  /** [x1 y1 x2 y2] in page space; all zero for an invisible signature. */
  readonly rect: readonly [number, number, number, number];
  readonly appearance: PDFRef;
}

const SIG_FLAGS_SIGNATURES_EXIST_APPEND_ONLY = 3;
/** Print + Locked: PDF/A requires printable annotations; nobody should move a signature. */
const ANNOTATION_FLAGS = 4 | 128;

/**
 * Registers the signature dictionary and its widget in `doc.context` and returns the new versions of
 * the existing objects that must point to them (page or /Annots array, AcroForm or catalog).
 * Only these and the newly registered objects go into the incremental update.
 */
export function addSignatureField(
  doc: PDFDocument,
  rootRef: PDFRef,
  fieldName: string,
  signature: SignatureDictionarySpec,
  widget: WidgetSpec,
): { readonly signatureRef: PDFRef; readonly changed: UpdateObject[] } {
  const context = doc.context;
  const sigRef = context.register(signatureDictionary(context, signature));
  const page = doc.getPage(widget.pageIndex);
  const widgetRef = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFHexString.fromText(fieldName),
      V: sigRef,
      F: ANNOTATION_FLAGS,
      P: page.ref,
      Rect: [...widget.rect],
      AP: { N: widget.appearance },
    }),
  );
  return {
    signatureRef: sigRef,
    changed: [...appendToArrayEntry(context, page.ref, 'Annots', widgetRef), ...appendField(context, rootRef, widgetRef)],
  };
}

function signatureDictionary(context: PDFContext, spec: SignatureDictionarySpec): PDFDict {
  const dict = PDFDict.withContext(context);
  const set = (key: string, value: PDFObject) => dict.set(PDFName.of(key), value);
  set('Type', PDFName.of('Sig'));
  set('Filter', PDFName.of('Adobe.PPKLite'));
  set('SubFilter', PDFName.of(spec.subFilter));
  // /ByteRange before /Contents: fillSignature finds both in this order.
  set('ByteRange', context.obj([0, ...Array.from({ length: 3 }, () => PDFName.of(BYTE_RANGE_PLACEHOLDER))]));
  set('Contents', PDFHexString.of('0'.repeat(spec.contentsBytes * 2)));
  // PAdES: the claimed signing time is /M, never a signing-time attribute in the CMS.
  set('M', PDFString.fromDate(spec.signingTime));
  if (spec.name) set('Name', PDFHexString.fromText(spec.name));
  if (spec.reason) set('Reason', PDFHexString.fromText(spec.reason));
  if (spec.location) set('Location', PDFHexString.fromText(spec.location));
  return dict;
}

/**
 * Adds `item` to the array under `key` of the dictionary `ownerRef`: the array object itself gets a
 * new version when it is indirect, otherwise the owner does.
 */
function appendToArrayEntry(context: PDFContext, ownerRef: PDFRef, key: string, item: PDFRef): UpdateObject[] {
  const owner = context.lookup(ownerRef, PDFDict);
  const entry = owner.get(PDFName.of(key));
  if (entry instanceof PDFRef) {
    const array = context.lookup(entry, PDFArray).clone(context);
    array.push(item);
    return [{ ref: entry, object: array }];
  }
  const array = entry instanceof PDFArray ? entry.clone(context) : context.obj([]);
  array.push(item);
  const next = owner.clone(context);
  next.set(PDFName.of(key), array);
  return [{ ref: ownerRef, object: next }];
}

function appendField(context: PDFContext, rootRef: PDFRef, fieldRef: PDFRef): UpdateObject[] {
  const catalog = context.lookup(rootRef, PDFDict);
  const acroForm = catalog.get(PDFName.of('AcroForm'));
  if (acroForm instanceof PDFRef) {
    const next = withSigFlags(context.lookup(acroForm, PDFDict).clone(context));
    const fieldsUpdate = appendFieldTo(context, next, fieldRef);
    return [{ ref: acroForm, object: next }, ...fieldsUpdate];
  }
  const nextCatalog = catalog.clone(context);
  if (acroForm instanceof PDFDict) {
    const next = withSigFlags(acroForm.clone(context));
    const fieldsUpdate = appendFieldTo(context, next, fieldRef);
    nextCatalog.set(PDFName.of('AcroForm'), next);
    return [{ ref: rootRef, object: nextCatalog }, ...fieldsUpdate];
  }
  const created = context.register(
    context.obj({ Fields: [fieldRef], SigFlags: SIG_FLAGS_SIGNATURES_EXIST_APPEND_ONLY }),
  );
  nextCatalog.set(PDFName.of('AcroForm'), created);
  return [{ ref: rootRef, object: nextCatalog }];
}

/** Puts the field into /Fields of an AcroForm copy; returns the update of an indirect /Fields array. */
function appendFieldTo(context: PDFContext, acroForm: PDFDict, fieldRef: PDFRef): UpdateObject[] {
  const fields = acroForm.get(PDFName.of('Fields'));
  if (fields instanceof PDFRef) {
    const array = context.lookup(fields, PDFArray).clone(context);
    array.push(fieldRef);
    return [{ ref: fields, object: array }];
  }
  const array = fields instanceof PDFArray ? fields.clone(context) : context.obj([]);
  array.push(fieldRef);
  acroForm.set(PDFName.of('Fields'), array);
  return [];
}

function withSigFlags(acroForm: PDFDict): PDFDict {
  const flags = acroForm.get(PDFName.of('SigFlags'));
  const current = flags instanceof PDFNumber ? flags.asNumber() : 0;
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(current | SIG_FLAGS_SIGNATURES_EXIST_APPEND_ONLY));
  return acroForm;
}
