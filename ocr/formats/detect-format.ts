import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../contract/app-error';

export type DocumentFormat = 'pdf' | 'tiff' | 'jpeg' | 'png';

export interface DetectedFormat {
  readonly format: DocumentFormat;
  readonly mime: string;
  /** The file name's extension (lower case, without dot), when a name was given. */
  readonly extension: string | null;
  /** False when the name claims another format than the content has (e.g. a TIFF named .pdf). */
  readonly extensionMatches: boolean;
}

const byFileTypeExt: Record<string, DocumentFormat> = { pdf: 'pdf', tif: 'tiff', jpg: 'jpeg', png: 'png' };
const extensionsOf: Record<DocumentFormat, readonly string[]> = {
  pdf: ['pdf'],
  tiff: ['tif', 'tiff'],
  jpeg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  png: ['png'],
};

const extensionOf = (name: string | undefined): string | null => {
  const m = name ? /\.([A-Za-z0-9]+)$/.exec(name) : null;
  return m ? m[1]!.toLowerCase() : null;
};

/** Decides the format from the content's magic bytes; the extension is only compared, never trusted. */
export async function detectFormat(bytes: Uint8Array, name?: string): Promise<DetectedFormat> {
  if (bytes.length === 0) throw new AppError('intake.empty_file', name ? { name } : {}, 'zero-byte input');
  const type = await fileTypeFromBuffer(bytes);
  const format = type ? byFileTypeExt[type.ext] : undefined;
  if (!type || !format) {
    throw new AppError(
      'intake.unsupported_format',
      type ? { detected: type.mime } : {},
      `unsupported content type ${type?.mime ?? 'unknown'}`,
    );
  }
  const extension = extensionOf(name);
  return {
    format,
    mime: type.mime,
    extension,
    extensionMatches: extension === null || extensionsOf[format].includes(extension),
  };
}
