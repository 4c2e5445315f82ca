import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../contract/app-error';
import {
  collectPrimaryFileNames,
  containerFileName,
  messageFileName,
  writeValidatedMessage,
  type AussonderungMessage,
} from '../xdomea/index';
import { writeZip, type WrittenZip, type ZipSource } from '../zip/index';
import { formatManifest, manifestFileName } from './manifest';
import { sha256Hex } from './repository';

export interface PackageFile {
  readonly name: string;
  readonly source: ZipSource;
  /** What the bytes must hash to: the fixity recorded at intake, or the hash of the converted rendition. */
  readonly sha256: string;
  readonly compress: boolean;
}

export interface WrittenPackage {
  readonly zip: WrittenZip;
  readonly xml: string;
}

/**
 * Writes `<ProzessID>_Aussonderung.Aussonderung.0503.zip`: the XSD-checked message, every primary file it
 * names (flat, as in the specification's examples) and the SHA-256 manifest. Each file is hashed again
 * while it streams into the ZIP; a file that changed since it was checked discards the whole package.
 * (The xdomea module's package writer takes no extra entries, hence this writer for the manifest.)
 */
export async function writeHandoverPackage(
  dir: string,
  message: AussonderungMessage,
  files: readonly PackageFile[],
): Promise<WrittenPackage> {
  const xml = await writeValidatedMessage(message);
  const named = collectPrimaryFileNames(message.objects);
  const supplied = new Set(files.map((f) => f.name));
  if (named.length !== supplied.size || named.some((n) => !supplied.has(n))) {
    throw new Error('0503 primary files and supplied files differ');
  }
  const prozessId = message.header.prozessId;
  const messageEntry = messageFileName(prozessId, '0503');
  const xmlBytes = Buffer.from(xml, 'utf8');
  const manifest = formatManifest([{ name: messageEntry, sha256: sha256Hex(xmlBytes) }, ...files.map((f) => ({ name: f.name, sha256: f.sha256 }))]);
  const zipPath = path.join(dir, containerFileName(prozessId, '0503'));
  const zip = await writeZip(
    zipPath,
    [
      { name: messageEntry, source: { kind: 'bytes', data: xmlBytes } },
      ...files.map((f) => ({ name: f.name, source: f.source, compress: f.compress })),
      { name: manifestFileName(prozessId), source: { kind: 'bytes', data: Buffer.from(manifest, 'utf8') } },
    ],
    { modifiedAt: new Date(message.header.createdAt) },
  );
  const changed = files.find((f, i) => zip.entries[i + 1]?.sha256 !== f.sha256);
  if (changed) {
    await rm(zipPath, { force: true });
    throw new AppError('aussonderung.file_changed', { file: changed.name }, 'primary file changed while packaging');
  }
  return { zip, xml };
}
