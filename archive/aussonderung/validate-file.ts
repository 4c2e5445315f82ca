import { createHash } from 'node:crypto';
import path from 'node:path';
import { collectPrimaryFileNames, readMessage, validateMessageSchema, type SchemaIssue } from '../xdomea/index';
import { openSafeZip } from '../zip/index';
import { parseManifest } from './manifest';
import { readReceivedMessage } from './message-source';

export interface FileValidation {
  readonly file: string;
  readonly version: string;
  readonly valid: boolean;
  readonly issues: readonly SchemaIssue[];
  readonly type: string | null;
  readonly prozessId: string | null;
  /** For a ZIP: primary files the message names but the container lacks. */
  readonly missingFiles: readonly string[];
  /** For a ZIP with a SHA-256 manifest: entries checked, and those that differ or are absent. */
  readonly manifest: { readonly checked: number; readonly mismatched: readonly string[] } | null;
}

async function entryHash(zip: Awaited<ReturnType<typeof openSafeZip>>, name: string): Promise<string | null> {
  if (!zip.has(name)) return null;
  const hash = createHash('sha256');
  for await (const chunk of await zip.openStream(name)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Checks a container's contents against its message and manifest, streaming each entry once. */
async function checkContainer(zipPath: string, primaryFiles: readonly string[]): Promise<Pick<FileValidation, 'missingFiles' | 'manifest'>> {
  const zip = await openSafeZip(zipPath);
  try {
    const missingFiles = primaryFiles.filter((name) => !zip.has(name));
    const manifestEntry = zip.entries.find((e) => !e.isDirectory && !e.name.includes('/') && e.name.endsWith('.sha256'));
    if (!manifestEntry) return { missingFiles, manifest: null };
    const { lines, invalid } = parseManifest((await zip.readBuffer(manifestEntry.name, 64 * 1024 * 1024)).toString('utf8'));
    const mismatched = [...invalid];
    for (const line of lines) if ((await entryHash(zip, line.name)) !== line.sha256) mismatched.push(line.name);
    return { missingFiles, manifest: { checked: lines.length, mismatched } };
  } finally {
    zip.close();
  }
}

/**
 * `eakte xdomea validate`: a message (.xml) or container (.zip) against the XSD of its version (3.0.0 or
 * 3.1.0); for a container also that every named primary file is there and matches the manifest. The
 * safe-XML and ZIP checks apply: a DOCTYPE or an unsafe ZIP is an error, not a validation result.
 */
export async function validateMessageFile(filePath: string): Promise<FileValidation> {
  const received = await readReceivedMessage({ kind: 'path', path: filePath }, path.dirname(filePath));
  const schema = await validateMessageSchema(received.xml);
  const message = schema.valid ? readMessage(received.xml).message : null;
  const objects = message && 'objects' in message ? message.objects : [];
  const container = received.fromZip
    ? await checkContainer(filePath, collectPrimaryFileNames(objects))
    : { missingFiles: [], manifest: null };
  return {
    file: filePath,
    version: schema.version,
    valid: schema.valid,
    issues: schema.issues,
    type: message?.type ?? null,
    prozessId: message?.header.prozessId ?? null,
    ...container,
  };
}
