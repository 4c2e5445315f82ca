import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../contract/app-error';
import { containerFileName, messageFileName, type WrittenHandoverMessage } from '../xdomea/index';
import { writeZip, type WrittenZip, type ZipSource } from '../zip/index';
import { formatManifest, manifestFileName } from './manifest';

export interface PackageFile {
  readonly name: string;
  readonly source: ZipSource;
  /** What the bytes must hash to: the fixity recorded at intake, or the hash of the converted rendition. */
  readonly sha256: string;
  readonly compress: boolean;
}

/**
 * Writes `<ProzessID>_Aussonderung.Aussonderung.0503.zip`: the XSD-checked message (already written to a
 * file by the xdomea HandoverMessageWriter), every primary file it names (flat, as in the specification's
 * examples) and the SHA-256 manifest. Each file is hashed again while it streams into the ZIP; a file that
 * changed since it was checked discards the whole package.
 */
export async function writeHandoverPackage(
  dir: string,
  prozessId: string,
  createdAt: string,
  message: WrittenHandoverMessage,
  files: readonly PackageFile[],
): Promise<WrittenZip> {
  const supplied = new Set(files.map((f) => f.name));
  if (message.primaryFiles.length !== supplied.size || message.primaryFiles.some((n) => !supplied.has(n))) {
    throw new Error('0503 primary files and supplied files differ');
  }
  const messageEntry = messageFileName(prozessId, '0503');
  const manifest = formatManifest([{ name: messageEntry, sha256: message.sha256 }, ...files.map((f) => ({ name: f.name, sha256: f.sha256 }))]);
  const zipPath = path.join(dir, containerFileName(prozessId, '0503'));
  const zip = await writeZip(
    zipPath,
    [
      { name: messageEntry, source: { kind: 'file', path: message.path } },
      ...files.map((f) => ({ name: f.name, source: f.source, compress: f.compress })),
      { name: manifestFileName(prozessId), source: { kind: 'bytes', data: Buffer.from(manifest, 'utf8') } },
    ],
    { modifiedAt: new Date(createdAt) },
  );
  const changed = [{ name: messageEntry, sha256: message.sha256 }, ...files].find((f, i) => zip.entries[i]?.sha256 !== f.sha256);
  if (changed) {
    await rm(zipPath, { force: true });
    throw new AppError('aussonderung.file_changed', { file: changed.name }, 'primary file changed while packaging');
  }
  return zip;
}
