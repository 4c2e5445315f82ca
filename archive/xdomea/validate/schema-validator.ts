import { readFile } from 'node:fs/promises';
import { memoryPages } from 'xmllint-wasm';
import { AppError } from '../../../contract/app-error';
import type { XdomeaVersion } from '../model';
import { identifyMessage } from '../read/read-message';
import {
  checkSafeXmlBytes,
  checkSafeXmlFile,
  defaultXmlLimits,
  type XmlElement,
  type XmlLimits,
} from '../xml/safe-xml';
import { runXmllint, type XmllintFile, type XmllintInput } from './xmllint-stream';

/**
 * XSD validation with libxml2 compiled to WebAssembly (xmllint-wasm), so it runs the same on Windows
 * without a system xmllint. Only the Aussonderung part of the standard is shipped (see schemas/README.md).
 * libxml2 validates the whole message in one pass with its streaming reader and pulls the bytes as it
 * goes (see xmllint-stream.ts): a message in a file is never held in memory, one in memory is not copied
 * into libxml2, and what the check needs is the compiled schema, whatever the size of the message.
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
  /** libxml2's findings in message order, the first {@link LISTED_ISSUES} of them. */
  readonly issues: readonly SchemaIssue[];
  /** Findings after those, counted only (a hostile message may hold millions); absent when none. */
  readonly unlisted?: number;
}

/** Findings listed by a validation; the rest are counted, so their text never grows memory. */
export const LISTED_ISSUES = 1000;

const SCHEMA_ROOT = new URL('../schemas/', import.meta.url);
const ENTRY = 'xdomea-Nachrichten-AussonderungDurchfuehren.xsd';
const INCLUDED = [
  'xdomea-Typen-AussonderungDurchfuehren.xsd',
  'xdomea-Baukasten.xsd',
  'xdomea-Datentypen.xsd',
];
const MESSAGE_FILE = 'message.xml';

interface SchemaSet {
  readonly entry: string;
  readonly files: readonly XmllintFile[];
}

const schemaSets = new Map<XdomeaVersion, Promise<SchemaSet>>();

async function loadFile(relativePath: string): Promise<XmllintFile> {
  return { fileName: relativePath, contents: await readFile(new URL(relativePath, SCHEMA_ROOT)) };
}

// Keeps the shipped layout (3.1.0/…, xoev/…) so the schemas' relative includes resolve in the wasm file system.
function schemaSet(version: XdomeaVersion): Promise<SchemaSet> {
  let set = schemaSets.get(version);
  if (!set) {
    set = (async () => ({
      entry: `${version}/${ENTRY}`,
      files: await Promise.all(
        [ENTRY, ...INCLUDED].map((f) => loadFile(`${version}/${f}`)).concat(loadFile('xoev/xoev-code.xsd')),
      ),
    }))();
    set.catch(() => schemaSets.delete(version));
    schemaSets.set(version, set);
  }
  return set;
}

// What libxml2 may grow to (reserved, not taken). It needs the compiled schema and the part of the message
// it is at: the 20,000-file message of the ingest benchmark stays within the initial 16 MiB. The limit
// stops a runaway yet leaves room for one text node as large as a whole message may be.
const maxPagesFor = (limits: XmlLimits): number =>
  Math.min(memoryPages.max, 64 * memoryPages.MiB + Math.ceil((limits.maxBytes * 2) / (64 * 1024)));

/**
 * Validates a message against the shipped XSD of its version (3.0.0 or 3.1.0). The safe-XML checks run
 * first, so the validator never sees a DOCTYPE. Invalid messages are a result, not an error.
 */
export async function validateMessageSchema(
  input: Uint8Array | string,
  limits: XmlLimits = defaultXmlLimits,
): Promise<SchemaValidation> {
  // Bytes as received go to libxml2, not a copy re-encoded from decoded text; a string is our own output.
  const bytes =
    typeof input === 'string'
      ? Buffer.from(input, 'utf8')
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  // Checked piece by piece, and only the root is parsed for the version: the text of a 17 MB message is
  // never held whole.
  const root = checkSafeXmlBytes(bytes, limits);
  return validate(root, { fileName: MESSAGE_FILE, bytes }, limits, () =>
    checkSafeXmlBytes(bytes, limits, { wellFormed: true }),
  );
}

/** {@link validateMessageSchema} for a message in a file, which is read piece by piece and never whole. */
export async function validateMessageFile(
  file: string,
  limits: XmlLimits = defaultXmlLimits,
): Promise<SchemaValidation> {
  const root = await checkSafeXmlFile(file, limits);
  return validate(root, { fileName: MESSAGE_FILE, path: file }, limits, () =>
    checkSafeXmlFile(file, limits, { wellFormed: true }),
  );
}

async function validate(
  root: XmlElement,
  input: XmllintInput,
  limits: XmlLimits,
  checkWellFormed: () => unknown,
): Promise<SchemaValidation> {
  const { version } = identifyMessage(root);
  const schemas = await schemaSet(version);
  let run;
  try {
    run = await runXmllint(
      ['--schema', schemas.entry, '--noout', '--stream', input.fileName],
      input,
      schemas.files,
      { initial: memoryPages.defaultInitialMemoryPages, maximum: maxPagesFor(limits) },
      LISTED_ISSUES,
    );
  } catch (cause) {
    throw new AppError('xdomea.validator_failed', {}, 'xmllint worker failed', { cause });
  }
  // xmllint's exit codes as xmllint-wasm reads them: 3 and 4 are findings, anything else a failed run.
  const valid = run.exitCode === 0;
  if (!valid && run.exitCode !== 3 && run.exitCode !== 4)
    throw new AppError('xdomea.validator_failed', {}, `xmllint ended with ${run.exitCode}: ${run.stderr.slice(0, 200)}`);
  // Not well-formed: the same error (`xdomea.malformed` with its line) as for every other reading.
  if (!valid) await checkWellFormed();
  if (valid) return { version, valid, issues: [] };
  const issues = issuesOf(run.stderr, input.fileName);
  return { version, valid, issues, ...(run.omittedLines > 0 ? { unlisted: run.omittedLines } : {}) };
}

/**
 * libxml2's findings, one per line as `file:line: message`; the last line says the file "fails to
 * validate". Read as xmllint-wasm reads them, with the line kept only for the message itself.
 */
function issuesOf(stderr: string, fileName: string): SchemaIssue[] {
  return stderr
    .split('\n')
    .slice(0, -2)
    .map((text) => {
      const [file, line, ...rest] = text.split(':');
      if (!file || !line || rest.length === 0) return { line: null, message: text };
      return { line: file === fileName ? parseInt(line, 10) : null, message: rest.join(':').trim() };
    });
}

/** Throws `xdomea.schema_invalid` unless the message is valid against the XSD of its version. */
export async function assertMessageSchema(
  input: Uint8Array | string,
  limits: XmlLimits = defaultXmlLimits,
): Promise<XdomeaVersion> {
  return versionIfValid(await validateMessageSchema(input, limits));
}

/** {@link assertMessageSchema} for a message in a file (read piece by piece, never whole). */
export async function assertMessageFileSchema(
  file: string,
  limits: XmlLimits = defaultXmlLimits,
): Promise<XdomeaVersion> {
  return versionIfValid(await validateMessageFile(file, limits));
}

function versionIfValid({ version, valid, issues, unlisted = 0 }: SchemaValidation): XdomeaVersion {
  if (!valid) {
    const first = issues[0];
    const count = issues.length + unlisted;
    throw new AppError(
      'xdomea.schema_invalid',
      { version, count, line: first?.line ?? '?', first: first?.message ?? '' },
      `message is not valid against the xdomea ${version} schema: ${count} issues, first at line ${first?.line ?? '?'}`,
    );
  }
  return version;
}
