import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Independent checks for tests: the system xmllint (Debian libxml2-utils) against the official schema set
 * in shared/, and XPath counts straight from the files, so assertions do not lean on our own parser.
 */

export const sharedXdomea = fileURLToPath(new URL('../../../../shared/xdomea/', import.meta.url));
export const officialSchema = (version: '3.0.0' | '3.1.0'): string =>
  `${sharedXdomea}xsd/${version}/xdomea.xsd`;
export const example = (relativePath: string): string => `${sharedXdomea}examples/${relativePath}`;

export function xmllintValidate(
  xml: string,
  version: '3.0.0' | '3.1.0' = '3.1.0',
): { valid: boolean; output: string } {
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', officialSchema(version), '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { valid: result.status === 0, output: result.stderr };
}

function xpath(file: string, expression: string): string {
  const result = spawnSync('xmllint', ['--nonet', '--xpath', expression, file], { encoding: 'utf8' });
  if (result.error) throw result.error;
  // xmllint exits 10 when a node-set is empty; that is an answer, not a failure.
  if (result.status !== 0 && result.status !== 10)
    throw new Error(`xmllint --xpath failed: ${result.stderr}`);
  return result.stdout;
}

/** XPath on local names, so the namespace of the version does not matter: `//*[local-name()="Akte"]`. */
export const xpathCount = (file: string, expression: string): number =>
  Number(xpath(file, `count(${expression})`));

/** The string value of an XPath expression, e.g. `local-name(/*)`. */
export const xpathString = (file: string, expression: string): string =>
  xpath(file, `string(${expression})`).trim();

/** Text values of the nodes an XPath selects, trimmed, in document order. */
export function xpathTexts(file: string, expression: string): string[] {
  const count = xpathCount(file, expression);
  return Array.from({ length: count }, (_, i) =>
    xpath(file, `normalize-space((${expression})[${i + 1}])`).trim(),
  );
}

export const local = (...names: string[]): string => names.map((n) => `*[local-name()="${n}"]`).join('/');
