import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';

/** Small readers over pdf-lib objects that never throw on unexpected types (hostile files have any type anywhere). */

export function resolve(context: PDFContext, value: PDFObject | undefined): PDFObject | undefined {
  return value instanceof PDFRef ? context.lookup(value) : value;
}

/** The dictionary of a dict or of a stream. */
export function dictOf(context: PDFContext, value: PDFObject | undefined): PDFDict | undefined {
  const resolved = resolve(context, value);
  if (resolved instanceof PDFDict) return resolved;
  if (resolved instanceof PDFRawStream) return resolved.dict;
  return undefined;
}

export function streamOf(context: PDFContext, value: PDFObject | undefined): PDFRawStream | undefined {
  const resolved = resolve(context, value);
  return resolved instanceof PDFRawStream ? resolved : undefined;
}

export function arrayOf(context: PDFContext, value: PDFObject | undefined): PDFArray | undefined {
  const resolved = resolve(context, value);
  return resolved instanceof PDFArray ? resolved : undefined;
}

export function nameOf(context: PDFContext, value: PDFObject | undefined): string | undefined {
  const resolved = resolve(context, value);
  return resolved instanceof PDFName ? resolved.decodeText() : undefined;
}

export function numberOf(context: PDFContext, value: PDFObject | undefined): number | undefined {
  const resolved = resolve(context, value);
  return resolved instanceof PDFNumber ? resolved.asNumber() : undefined;
}

export function textOf(context: PDFContext, value: PDFObject | undefined): string | undefined {
  const resolved = resolve(context, value);
  if (resolved instanceof PDFString || resolved instanceof PDFHexString) {
    try {
      return resolved.decodeText();
    } catch {
      return undefined;
    }
  }
  return undefined;
}

// PDFName.of decodes the key with a regular expression on every call; the checks ask for the same few keys
// again and again, and PDFName.of returns the same instance for a key anyway.
const names = new Map<string, PDFName>();
const nameObject = (key: string): PDFName => names.get(key) ?? names.set(key, PDFName.of(key)).get(key)!;

export const get = (dict: PDFDict, key: string): PDFObject | undefined => dict.get(nameObject(key));

/** The entries of a dictionary as [key, value] with decoded key names. */
export function entries(dict: PDFDict): [string, PDFObject][] {
  return dict.entries().map(([k, v]) => [k.decodeText(), v]);
}

/** Items of an array, or the single value when a PDF allows "name or array" (Filter, Next, …). */
export function oneOrMany(context: PDFContext, value: PDFObject | undefined): PDFObject[] {
  const resolved = resolve(context, value);
  if (resolved === undefined) return [];
  return resolved instanceof PDFArray ? resolved.asArray() : [resolved];
}
