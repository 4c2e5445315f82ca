import { PDFBool } from 'pdf-lib';
import type { Findings } from '../findings';
import { dictOf, get, nameOf, oneOrMany, resolve } from '../inspect/pdf-values';
import type { Inspected } from './inspected';

/** PDF/A-2 6.1.7: no LZW or Crypt filters, and no stream whose data lives in another file. */
export function checkStreamFilters(pdf: Inspected, findings: Findings): void {
  const { context } = pdf;
  for (const { dict, ref, stream } of pdf.dicts()) {
    if (!stream) continue;
    for (const filter of oneOrMany(context, get(dict, 'Filter'))) {
      const name = nameOf(context, filter);
      if (name === 'LZWDecode' || name === 'LZW') {
        findings.error(
          'streams.filters',
          'Die Datei verwendet LZW-Kompression, die PDF/A verbietet.',
          `LZWDecode in object ${ref}`,
        );
      } else if (name === 'Crypt') {
        findings.error(
          'streams.filters',
          'Die Datei verwendet den Crypt-Filter.',
          `Crypt filter in object ${ref}`,
        );
      }
    }
    for (const key of ['F', 'FFilter', 'FDecodeParms']) {
      if (get(dict, key) !== undefined) {
        findings.error(
          'streams.filters',
          'Die Datei bezieht Inhalte aus externen Dateien.',
          `stream with /${key} in object ${ref}`,
        );
      }
    }
  }
}

/** PDF/A-2 6.4.1: form fields must bring their own appearances (NeedAppearances must not be true). */
export function checkForms(pdf: Inspected, findings: Findings): void {
  const form = dictOf(pdf.context, get(pdf.catalog, 'AcroForm'));
  if (form && resolve(pdf.context, get(form, 'NeedAppearances')) === PDFBool.True) {
    findings.error(
      'forms.appearances',
      'Formularfelder haben keine festen Darstellungen (NeedAppearances).',
      'AcroForm /NeedAppearances true',
    );
  }
  if (form && get(form, 'XFA') !== undefined) {
    findings.error(
      'forms.appearances',
      'Die Datei enthält ein XFA-Formular, das PDF/A verbietet.',
      'AcroForm /XFA present',
    );
  }
}
