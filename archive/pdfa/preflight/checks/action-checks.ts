import { PDFDict, PDFRawStream, type PDFContext } from 'pdf-lib';
import type { Findings } from '../findings';
import { dictOf, get, nameOf, resolve } from '../inspect/pdf-values';
import type { Inspected } from './inspected';

/** PDF/A-2 6.5.1: action types that are never allowed. */
export const FORBIDDEN_ACTIONS: ReadonlySet<string> = new Set([
  'Launch',
  'Sound',
  'Movie',
  'ResetForm',
  'ImportData',
  'Hide',
  'SetOCGState',
  'Rendition',
  'Trans',
  'GoTo3DView',
]);
/** Named actions PDF/A-2 permits; any other /Named action is forbidden. */
export const ALLOWED_NAMED: ReadonlySet<string> = new Set(['NextPage', 'PrevPage', 'FirstPage', 'LastPage']);

/**
 * JavaScript and forbidden actions anywhere in the file, plus additional-actions (/AA) dictionaries, which
 * PDF/A-2 forbids on the catalog, pages, form fields and widgets. The whole file is scanned rather than only
 * reachable places: an action hidden in an unusual spot is no less executable.
 */
export function checkActions(pdf: Inspected, findings: Findings): void {
  const { context } = pdf;
  const names = dictOf(context, get(pdf.catalog, 'Names'));
  if (names && get(names, 'JavaScript') !== undefined) {
    findings.error(
      'actions.javascript',
      'Die Datei enthält dokumentweites JavaScript.',
      'catalog /Names has a /JavaScript tree',
    );
  }
  const openAction = resolve(context, get(pdf.catalog, 'OpenAction'));
  if (openAction instanceof PDFDict && nameOf(context, get(openAction, 'S')) === 'JavaScript') {
    findings.error(
      'actions.javascript',
      'Beim Öffnen der Datei wird JavaScript ausgeführt.',
      'catalog /OpenAction is a JavaScript action',
    );
  }
  for (const { dict, ref } of pdf.dicts()) {
    const type = nameOf(context, get(dict, 'S'));
    if (type === 'JavaScript' || get(dict, 'JS') !== undefined) {
      findings.error(
        'actions.javascript',
        'Die Datei enthält JavaScript.',
        `JavaScript action in object ${ref}`,
      );
    } else if (type !== undefined && FORBIDDEN_ACTIONS.has(type) && looksLikeAction(context, dict)) {
      findings.error(
        'actions.forbidden',
        `Die Datei enthält eine unzulässige Aktion (${type}).`,
        `${type} action in object ${ref}`,
      );
    } else if (type === 'Named' && !ALLOWED_NAMED.has(nameOf(context, get(dict, 'N')) ?? '')) {
      findings.error(
        'actions.forbidden',
        'Die Datei enthält eine unzulässige benannte Aktion.',
        `named action ${nameOf(context, get(dict, 'N')) ?? '?'} in object ${ref}`,
      );
    }
    if (get(dict, 'AA') !== undefined) {
      findings.error(
        'actions.forbidden',
        'Die Datei enthält automatisch ausgelöste Aktionen (/AA).',
        `additional-actions dictionary in object ${ref}`,
      );
    }
  }
}

/** Group dictionaries, output intents and structure elements also use /S; actions have /Type /Action or nothing. */
function looksLikeAction(context: PDFContext, dict: PDFDict): boolean {
  const type = nameOf(context, get(dict, 'Type'));
  return type === undefined || type === 'Action';
}

/** PDF/A-2 6.8: embedded files are allowed only if they are PDF/A themselves, which this preflight cannot confirm. */
export function checkEmbeddedFiles(pdf: Inspected, findings: Findings): void {
  const { context } = pdf;
  for (const { dict, ref, stream } of pdf.dicts()) {
    const isFileStream =
      stream instanceof PDFRawStream && nameOf(context, get(dict, 'Type')) === 'EmbeddedFile';
    const hasEf = get(dict, 'EF') !== undefined;
    if (isFileStream || hasEf) {
      findings.error(
        'files.embedded',
        'Die Datei enthält eingebettete Dateien; PDF/A-2 erlaubt nur PDF/A-Anhänge, und diese werden hier nicht geprüft.',
        `${isFileStream ? 'embedded file stream' : 'file specification with /EF'} in object ${ref}`,
      );
    }
  }
}
