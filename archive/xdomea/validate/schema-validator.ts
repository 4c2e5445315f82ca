import { readFile } from 'node:fs/promises';
import { memoryPages, validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { AppError } from '../../../contract/app-error';
import type { XdomeaVersion } from '../model';
import { identifyMessage } from '../read/read-message';
import {
  checkSafeXmlBytes,
  decodeSafeXml,
  defaultXmlLimits,
  parseSafeXmlRoot,
  type XmlLimits,
} from '../xml/safe-xml';

/**
 * XSD validation with libxml2 compiled to WebAssembly (xmllint-wasm), so it runs the same on Windows
 * without a system xmllint. Only the Aussonderung part of the standard is shipped (see schemas/README.md).
 */

export interface SchemaIssue {
  /** Line in the validated message, when libxml2 reported one. */
  readonly line: number | null;
  /** libxml2's English message; it can quote values from the message, so keep it out of log lines. */
  readonly message: string;
}

export interface SchemaValidation {
  readonly version: XdomeaVersion;
  readonly valid: boolean;
  readonly issues: readonly SchemaIssue[];
}

const SCHEMA_ROOT = new URL('../schemas/', import.meta.url);
const ENTRY = 'xdomea-Nachrichten-AussonderungDurchfuehren.xsd';
const INCLUDED = [
  'xdomea-Typen-AussonderungDurchfuehren.xsd',
  'xdomea-Baukasten.xsd',
  'xdomea-Datentypen.xsd',
];
const MESSAGE_FILE = 'message.xml';

interface SchemaSet {
  readonly entry: XMLFileInfo;
  readonly preload: readonly XMLFileInfo[];
}

const schemaSets = new Map<XdomeaVersion, Promise<SchemaSet>>();

async function loadFile(relativePath: string): Promise<XMLFileInfo> {
  return { fileName: relativePath, contents: await readFile(new URL(relativePath, SCHEMA_ROOT)) };
}

// Keeps the shipped layout (3.1.0/…, xoev/…) so the schemas' relative includes resolve in the wasm file system.
function schemaSet(version: XdomeaVersion): Promise<SchemaSet> {
  let set = schemaSets.get(version);
  if (!set) {
    set = (async () => ({
      entry: await loadFile(`${version}/${ENTRY}`),
      preload: await Promise.all([
        ...INCLUDED.map((f) => loadFile(`${version}/${f}`)),
        loadFile('xoev/xoev-code.xsd'),
      ]),
    }))();
    set.catch(() => schemaSets.delete(version));
    schemaSets.set(version, set);
  }
  return set;
}

// libxml2 holds the schema and the message bytes; give it room in proportion to the message.
const maxPagesFor = (bytes: number): number =>
  Math.min(memoryPages.max, 64 * memoryPages.MiB + Math.ceil((bytes * 16) / (64 * 1024)));

/**
 * Validates a message against the shipped XSD of its version (3.0.0 or 3.1.0). The safe-XML checks run
 * first, so the validator never sees a DOCTYPE. Invalid messages are a result, not an error.
 */
export async function validateMessageSchema(
  input: Uint8Array | string,
  limits: XmlLimits = defaultXmlLimits,
): Promise<SchemaValidation> {
  // The root names the version; the whole tree of a 20,000-file message would cost more than libxml2 itself.
  // Received bytes are checked piece by piece: the text of a 17 MB message is never held whole.
  const root =
    typeof input === 'string'
      ? parseSafeXmlRoot(decodeSafeXml(input, limits), limits)
      : checkSafeXmlBytes(input, limits);
  const { version } = identifyMessage(root);
  const schemas = await schemaSet(version);
  // Bytes as received go to libxml2 (checked as UTF-8 above), not a copy re-encoded from the decoded text.
  const bytes =
    typeof input === 'string'
      ? Buffer.from(input, 'utf8')
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  let result;
  try {
    result = await validateXML({
      xml: { fileName: MESSAGE_FILE, contents: bytes },
      schema: schemas.entry,
      preload: schemas.preload,
      maxMemoryPages: maxPagesFor(bytes.byteLength),
      // libxml2's reader validates without building the message's tree: 8,000-file 0503 +107 -> +89 MB peak RSS.
      stream: true,
    });
  } catch (cause) {
    throw new AppError('xdomea.validator_failed', {}, 'xmllint-wasm did not finish', { cause });
  }
  // Not well-formed: the same error (`xdomea.malformed` with its line) as for every other reading.
  if (!result.valid && typeof input !== 'string') parseSafeXmlRoot(input, limits);
  const issues = result.errors.map((e) => ({
    line: e.loc?.fileName === MESSAGE_FILE ? e.loc.lineNumber : null,
    message: e.message,
  }));
  return { version, valid: result.valid, issues };
}

/** Throws `xdomea.schema_invalid` unless the message is valid against the XSD of its version. */
export async function assertMessageSchema(
  input: Uint8Array | string,
  limits: XmlLimits = defaultXmlLimits,
): Promise<XdomeaVersion> {
  const { version, valid, issues } = await validateMessageSchema(input, limits);
  if (!valid) {
    const first = issues[0];
    throw new AppError(
      'xdomea.schema_invalid',
      { version, count: issues.length, line: first?.line ?? '?', first: first?.message ?? '' },
      `message is not valid against the xdomea ${version} schema: ${issues.length} issues, first at line ${first?.line ?? '?'}`,
    );
  }
  return version;
}
