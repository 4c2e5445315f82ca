import { PDFArray, PDFHexString, PDFString } from 'pdf-lib';
import type { Findings } from '../findings';
import type { ParsedPdf } from '../parse/parse-pdf';

/** Header, trailer, end of file and encryption: rules that need no page content. */

export function checkHeader(parsed: ParsedPdf, findings: Findings): void {
  const { version, atStart, binaryComment } = parsed.header;
  if (version === null) {
    findings.error('file.header', 'Der PDF-Dateikopf fehlt.', 'no %PDF-n.m header in the first 1024 bytes');
    return;
  }
  if (!atStart) {
    findings.error(
      'file.header',
      'Vor dem PDF-Dateikopf stehen weitere Daten.',
      'header does not start at byte 0',
    );
  }
  if (!/^1\.[0-7]$/.test(version)) {
    findings.error(
      'file.header',
      `Die PDF-Version ${version} ist für PDF/A-2 nicht zulässig (höchstens 1.7).`,
      `header version ${version} is not 1.0 to 1.7`,
    );
  }
  if (!binaryComment) {
    findings.error(
      'file.header',
      'Nach dem Dateikopf fehlt der Binärkommentar.',
      'header line not followed by a comment with four bytes above 127',
    );
  }
}

export function checkStructure(parsed: ParsedPdf, findings: Findings): void {
  for (const problem of parsed.problems) {
    findings.error('file.structure', 'Die Datei ist beschädigt oder fehlerhaft aufgebaut.', problem);
  }
  if (parsed.bytesAfterEof === null) {
    findings.error('file.structure', 'Die Dateiende-Markierung (%%EOF) fehlt.', 'no %%EOF marker');
  } else if (parsed.bytesAfterEof > 0) {
    findings.error(
      'file.structure',
      'Nach der Dateiende-Markierung folgen weitere Daten.',
      `${parsed.bytesAfterEof} byte(s) after the last %%EOF`,
    );
  }
}

export function checkEncryption(parsed: ParsedPdf, findings: Findings): boolean {
  if (parsed.context.trailerInfo.Encrypt === undefined) return false;
  findings.error(
    'file.encryption',
    'Die Datei ist verschlüsselt; PDF/A verbietet Verschlüsselung.',
    'trailer has an /Encrypt entry',
  );
  return true;
}

export function checkTrailerId(parsed: ParsedPdf, findings: Findings): void {
  const id = parsed.context.lookup(parsed.context.trailerInfo.ID);
  const ok =
    id instanceof PDFArray &&
    id.size() === 2 &&
    id.asArray().every((entry) => entry instanceof PDFHexString || entry instanceof PDFString);
  if (!ok) {
    findings.error(
      'file.id',
      'Die Dateikennung (/ID) im Trailer fehlt oder ist ungültig.',
      id === undefined ? 'trailer has no /ID' : 'trailer /ID is not an array of two strings',
    );
  }
}
