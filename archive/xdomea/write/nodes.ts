import { AppError } from '../../../contract/app-error';
import type { CodeValue } from '../model';
import type { XmlElement, XmlNode } from '../xml/xml-writer';

/** Builders for xdomea-qualified nodes; undefined children are dropped so optional content stays out. */

const PREFIX = 'xdomea';

type Child = XmlNode | undefined;

export const node = (
  name: string,
  children: readonly Child[],
  attributes?: XmlNode['attributes'],
): XmlElement => ({
  prefix: PREFIX,
  name,
  content: children.filter((c): c is XmlNode => c !== undefined),
  ...(attributes && { attributes }),
});

export const textNode = (name: string, value: string): XmlNode => ({ prefix: PREFIX, name, content: value });

export const optText = (name: string, value: string | undefined): XmlNode | undefined =>
  value === undefined ? undefined : textNode(name, value);

/** A container that is written only when at least one child is. */
export const optGroup = (name: string, children: readonly Child[]): XmlNode | undefined =>
  children.some((c) => c !== undefined) ? node(name, children) : undefined;

// 1/0 rather than true/false: libxml2 compares the schema's fixed="1" values lexically.
export const boolNode = (name: string, value: boolean): XmlNode => textNode(name, value ? '1' : '0');

export const optBool = (name: string, value: boolean | undefined): XmlNode | undefined =>
  value === undefined ? undefined : boolNode(name, value);

/** An XÖV code element: list attributes on the element, unqualified `code` and `name` inside. */
export function codeNode(name: string, value: CodeValue): XmlNode {
  const attributes: [string, string][] = [];
  if (value.listUri !== undefined) attributes.push(['listURI', value.listUri]);
  if (value.listVersion !== undefined) attributes.push(['listVersionID', value.listVersion]);
  const content: XmlNode[] = [{ name: 'code', content: value.code }];
  if (value.name !== undefined) content.push({ name: 'name', content: value.name });
  return { prefix: PREFIX, name, attributes, content };
}

export const optCode = (name: string, value: CodeValue | undefined): XmlNode | undefined =>
  value === undefined ? undefined : codeNode(name, value);

export function invalidInput(field: string, reason: string): AppError {
  return new AppError('xdomea.invalid_input', { field, reason }, `invalid writer input at ${field}`);
}

const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
// A package file name: the UUID first (schema), then no path separators or characters Windows refuses.
const FILE_NAME =
  /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}[^/\\:*?"<>|]*$/;

export function uuid(value: string, field: string): string {
  if (!UUID.test(value)) throw invalidInput(field, 'keine UUID');
  return value;
}

export function date(value: string, field: string): string {
  if (!DATE.test(value)) throw invalidInput(field, 'kein Datum im Format JJJJ-MM-TT');
  return value;
}

export function dateTime(value: string, field: string): string {
  if (!DATE_TIME.test(value)) throw invalidInput(field, 'kein Zeitpunkt im Format JJJJ-MM-TTThh:mm:ss');
  return value;
}

export function fileName(value: string, field: string): string {
  if (!FILE_NAME.test(value) || /[. ]$/.test(value)) {
    throw invalidInput(field, 'Dateiname muss mit einer UUID beginnen und darf keine Pfadzeichen enthalten');
  }
  return value;
}

export function unsignedInt(value: number, max: number, field: string): string {
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw invalidInput(field, `keine ganze Zahl von 0 bis ${max}`);
  return String(value);
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw invalidInput(field, `erlaubt sind ${allowed.join(', ')}`);
  return value as T;
}

export const optDate = (name: string, value: string | undefined, field: string): XmlNode | undefined =>
  value === undefined ? undefined : textNode(name, date(value, field));
