/**
 * The common part of the xdomea Dateiformat code list, version 2.0 (urn:xoev-de:xdomea:codeliste:dateiformat,
 * valid from 2021-10-01; its names come from PRONOM). 3.x messages carry the code, not a MIME type, so
 * this table is the bridge; anything not listed goes out as 100 "Sonstiges" with its MIME type as name.
 */

export const DATEIFORMAT_LIST_VERSION = '2.0';
const OTHER = '100';

interface FormatRow {
  readonly code: string;
  readonly extension: string;
  readonly mimeType: string;
}

const ROWS: readonly FormatRow[] = [
  { code: '001', extension: 'bmp', mimeType: 'image/bmp' },
  { code: '002', extension: 'csv', mimeType: 'text/csv' },
  { code: '003', extension: 'doc', mimeType: 'application/msword' },
  { code: '006', extension: 'eml', mimeType: 'message/rfc822' },
  { code: '008', extension: 'html', mimeType: 'text/html' },
  { code: '011', extension: 'jpg', mimeType: 'image/jpeg' },
  { code: '012', extension: 'msg', mimeType: 'application/vnd.ms-outlook' },
  { code: '013', extension: 'odp', mimeType: 'application/vnd.oasis.opendocument.presentation' },
  { code: '014', extension: 'ods', mimeType: 'application/vnd.oasis.opendocument.spreadsheet' },
  { code: '015', extension: 'odt', mimeType: 'application/vnd.oasis.opendocument.text' },
  { code: '018', extension: 'pdf', mimeType: 'application/pdf' },
  { code: '019', extension: 'png', mimeType: 'image/png' },
  { code: '020', extension: 'ppt', mimeType: 'application/vnd.ms-powerpoint' },
  { code: '022', extension: 'rtf', mimeType: 'application/rtf' },
  { code: '023', extension: 'tif', mimeType: 'image/tiff' },
  { code: '028', extension: 'xls', mimeType: 'application/vnd.ms-excel' },
  { code: '030', extension: 'xml', mimeType: 'application/xml' },
  {
    code: '035',
    extension: 'docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  {
    code: '036',
    extension: 'xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  {
    code: '037',
    extension: 'pptx',
    mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  { code: '044', extension: 'pdf', mimeType: 'application/pdf' },
  { code: '045', extension: 'txt', mimeType: 'text/plain' },
  { code: '048', extension: 'p7m', mimeType: 'application/pkcs7-mime' },
  { code: '049', extension: 'p7s', mimeType: 'application/pkcs7-signature' },
];

/** Codes of the list that name the same format under another extension. */
const ALIASES: Readonly<Record<string, string>> = { '007': '008', '009': '011', '010': '011', '024': '023' };

export interface FormatCode {
  readonly code: string;
  readonly codeListVersion: string;
  readonly otherName?: string;
  /** Format version, e.g. the PDF/A part and conformance `2b`; '' when none applies. */
  readonly formatVersion: string;
}

/**
 * The Dateiformat code for a file, by MIME type, else by the file name's extension. A PDF/A (pass its part
 * and conformance, e.g. `2b`) gets 044 "Portable Document Format (Archival)"; a plain PDF 018.
 */
export function formatCodeFor(file: {
  readonly mimeType?: string;
  readonly fileName?: string;
  readonly pdfaVersion?: string;
}): FormatCode {
  const mimeType = file.mimeType?.toLowerCase().split(';')[0]!.trim();
  const extension = file.fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const row = ROWS.find((r) => r.mimeType === mimeType) ?? ROWS.find((r) => r.extension === extension);
  if (row?.code === '018' && file.pdfaVersion) {
    return { code: '044', codeListVersion: DATEIFORMAT_LIST_VERSION, formatVersion: file.pdfaVersion };
  }
  if (row) return { code: row.code, codeListVersion: DATEIFORMAT_LIST_VERSION, formatVersion: '' };
  const otherName = mimeType || (extension && `.${extension}`) || 'unbekannt';
  return { code: OTHER, codeListVersion: DATEIFORMAT_LIST_VERSION, otherName, formatVersion: '' };
}

/** MIME type of a Dateiformat code (list 2.0), or undefined for 100 and codes not in our table. */
export function mimeTypeOfFormat(code: string): string | undefined {
  const canonical = ALIASES[code] ?? code;
  return ROWS.find((r) => r.code === canonical)?.mimeType;
}
