import type { PDFRef} from 'pdf-lib';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFContext } from 'pdf-lib';

export interface FormField {
  /** Fully qualified name: partial names of the field and its parents joined by dots. */
  readonly name: string;
  readonly dict: PDFDict;
  /** The field type, inherited from parents where the field itself has none. */
  readonly type: string | null;
}

const MAX_DEPTH = 32;

/** All terminal fields of the AcroForm, read without creating anything (pdf-lib's getForm would). */
export function listFormFields(context: PDFContext, rootRef: PDFRef): FormField[] {
  const catalog = context.lookup(rootRef);
  if (!(catalog instanceof PDFDict)) return [];
  const acroForm = catalog.lookup(PDFName.of('AcroForm'));
  if (!(acroForm instanceof PDFDict)) return [];
  const fields = acroForm.lookup(PDFName.of('Fields'));
  const out: FormField[] = [];
  const seen = new Set<PDFDict>();
  const walk = (items: PDFArray | undefined, parentName: string, parentType: string | null, depth: number) => {
    if (!items || depth > MAX_DEPTH) return;
    for (let i = 0; i < items.size(); i++) {
      const dict = items.lookup(i);
      if (!(dict instanceof PDFDict) || seen.has(dict)) continue;
      seen.add(dict);
      const partial = text(dict.get(PDFName.of('T')));
      const name = partial === null ? parentName : parentName ? `${parentName}.${partial}` : partial;
      const ft = dict.get(PDFName.of('FT'));
      const type = ft instanceof PDFName ? ft.decodeText() : parentType;
      const kids = dict.lookup(PDFName.of('Kids'));
      const namedKids =
        kids instanceof PDFArray &&
        kids.asArray().some((k) => {
          const kid = context.lookup(k);
          return kid instanceof PDFDict && kid.has(PDFName.of('T'));
        });
      if (namedKids) walk(kids, name, type, depth + 1);
      else out.push({ name, dict, type });
    }
  };
  walk(fields instanceof PDFArray ? fields : undefined, '', null, 0);
  return out;
}

const text = (value: unknown): string | null =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;
