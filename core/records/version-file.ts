import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileTypeFromFile } from 'file-type';
import { AppError } from '../../contract/app-error';
import type { BlobRef } from '../store/blobs/blob-store';
import type { Store } from '../store/store';

/**
 * What a clerk may store as a new version: PDFs and the image formats the viewer shows. The type comes
 * from the content, never from the name, so nothing the browser would run (HTML, SVG) is served later.
 */
const VERSION_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff']);

export interface VersionFile {
  blob: BlobRef;
  fileName: string;
  mimeType: string;
}

/** Streams a chosen file into the blob store (never whole in memory) after checking what it is. */
export async function storeVersionFile(store: Store, path: string, fileName = basename(path)): Promise<VersionFile> {
  const unreadable = (err: unknown) =>
    new AppError('workspace.version_unreadable', { name: fileName }, `version file not readable: ${(err as Error).message}`, { cause: err });
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (err) {
    throw unreadable(err);
  }
  if (size === 0) throw new AppError('workspace.version_empty', { name: fileName }, 'empty version file');
  const type = await fileTypeFromFile(path).catch((err: unknown) => {
    throw unreadable(err);
  });
  if (!type || !VERSION_TYPES.has(type.mime)) {
    throw new AppError('workspace.version_unsupported', { name: fileName, ...(type ? { detected: type.mime } : {}) }, `version file of type ${type?.mime ?? 'unknown'}`);
  }
  return { blob: await store.blobs.putStream(createReadStream(path)), fileName, mimeType: type.mime };
}
