import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { serialize } from './incremental-update';

/**
 * Keys whose change a later signature (Mitzeichnung) legitimately brings: the form's field list and
 * flags, the page's annotations, and validation data (/DSS) for long-term signatures.
 */
const ALLOWED_KEYS = {
  catalog: ['AcroForm', 'DSS'],
  acroForm: ['Fields', 'SigFlags', 'DR'],
  page: ['Annots'],
} as const;

/**
 * Whether the current document differs from a signed revision in more than added signatures:
 * compares every object of both versions. New objects are harmless unless a changed existing object
 * starts using them, and existing objects may only change as ALLOWED_KEYS and appended signature
 * widgets allow.
 */
export function changedBeyondSignatures(current: PDFDocument, signed: PDFDocument, rootRef: PDFRef | null): boolean {
  const roles = rolesOf(current, rootRef);
  for (const [ref, object] of current.context.enumerateIndirectObjects()) {
    const before = signed.context.lookup(ref);
    if (before === undefined || same(before, object)) continue;
    if (!changeAllowed(current, roles.get(ref), before, object)) return true;
  }
  return false;
}

function changeAllowed(doc: PDFDocument, role: Role | undefined, before: PDFObject, after: PDFObject): boolean {
  if ((role === 'catalog' || role === 'acroForm' || role === 'page') && before instanceof PDFDict && after instanceof PDFDict)
    return dictChangeAllowed(doc, before, after, ALLOWED_KEYS[role]);
  if ((role === 'fields' || role === 'annots') && before instanceof PDFArray && after instanceof PDFArray)
    return appendedOnly(doc, before, after, role === 'annots');
  return false;
}

type Role = 'catalog' | 'acroForm' | 'fields' | 'page' | 'annots';

function rolesOf(doc: PDFDocument, rootRef: PDFRef | null): Map<PDFRef, Role> {
  const roles = new Map<PDFRef, Role>();
  if (!rootRef) return roles;
  roles.set(rootRef, 'catalog');
  const catalog = doc.context.lookup(rootRef);
  const acroForm = catalog instanceof PDFDict ? catalog.get(PDFName.of('AcroForm')) : undefined;
  if (acroForm instanceof PDFRef) roles.set(acroForm, 'acroForm');
  const acroDict = doc.context.lookup(acroForm);
  const fields = acroDict instanceof PDFDict ? acroDict.get(PDFName.of('Fields')) : undefined;
  if (fields instanceof PDFRef) roles.set(fields, 'fields');
  for (const page of doc.getPages()) {
    roles.set(page.ref, 'page');
    const annots = page.node.get(PDFName.of('Annots'));
    if (annots instanceof PDFRef) roles.set(annots, 'annots');
  }
  return roles;
}

function dictChangeAllowed(doc: PDFDocument, before: PDFDict, after: PDFDict, allowed: readonly string[]): boolean {
  const keys = new Set([...before.keys(), ...after.keys()].map((k) => k.decodeText()));
  for (const key of keys) {
    const a = before.get(PDFName.of(key));
    const b = after.get(PDFName.of(key));
    if (a !== undefined && b !== undefined && same(a, b)) continue;
    if (!allowed.includes(key)) return false;
    // A direct /Annots or /Fields array may only grow, like an indirect one.
    if ((key === 'Annots' || key === 'Fields') && a instanceof PDFArray && b instanceof PDFArray) {
      if (!appendedOnly(doc, a, b, key === 'Annots')) return false;
    }
  }
  return true;
}

/** The array kept its items in order and only gained new ones (for annotations: signature widgets). */
function appendedOnly(doc: PDFDocument, before: PDFArray, after: PDFArray, signatureWidgets: boolean): boolean {
  if (after.size() < before.size()) return false;
  for (let i = 0; i < before.size(); i++) if (!same(before.get(i), after.get(i))) return false;
  if (!signatureWidgets) return true;
  for (let i = before.size(); i < after.size(); i++) if (!isSignatureWidget(doc, after.get(i))) return false;
  return true;
}

function isSignatureWidget(doc: PDFDocument, item: PDFObject): boolean {
  const annot = doc.context.lookup(item);
  if (!(annot instanceof PDFDict) || annot.get(PDFName.of('Subtype')) !== PDFName.of('Widget')) return false;
  const parent = annot.lookup(PDFName.of('Parent'));
  const type = annot.get(PDFName.of('FT')) ?? (parent instanceof PDFDict ? parent.get(PDFName.of('FT')) : undefined);
  return type === PDFName.of('Sig');
}

const same = (a: PDFObject, b: PDFObject) => a === b || Buffer.from(serialize(a)).equals(Buffer.from(serialize(b)));
