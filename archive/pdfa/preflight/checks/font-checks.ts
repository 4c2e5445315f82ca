import type { PDFDict } from 'pdf-lib';
import type { Findings } from '../findings';
import { arrayOf, dictOf, get, nameOf, textOf } from '../inspect/pdf-values';
import type { Inspected } from './inspected';

const FONT_FILES = ['FontFile', 'FontFile2', 'FontFile3'];

/** PDF/A-2 6.2.11.4.1: every font used for rendering carries its font program (Type 3 fonts are their own). */
export function checkFontsEmbedded(pdf: Inspected, findings: Findings): void {
  const { context } = pdf;
  const embedded = (descriptor: PDFDict | undefined) =>
    descriptor !== undefined && FONT_FILES.some((key) => get(descriptor, key) !== undefined);

  for (const { value: font, where } of pdf.inventory.fonts) {
    const subtype = nameOf(context, get(font, 'Subtype'));
    if (subtype === 'Type3') continue;
    const name =
      nameOf(context, get(font, 'BaseFont')) ?? textOf(context, get(font, 'BaseFont')) ?? 'ohne Namen';
    let descriptor: PDFDict | undefined;
    if (subtype === 'Type0') {
      const descendant = dictOf(context, arrayOf(context, get(font, 'DescendantFonts'))?.get(0));
      descriptor = descendant && dictOf(context, get(descendant, 'FontDescriptor'));
    } else {
      descriptor = dictOf(context, get(font, 'FontDescriptor'));
    }
    if (!embedded(descriptor)) {
      findings.error(
        'fonts.embedded',
        `Die Schrift „${name}“ ist nicht eingebettet.`,
        `font ${name} (${subtype ?? 'no subtype'}) at ${where} has no font program`,
      );
    }
  }
  const count = pdf.inventory.fonts.length;
  if (!findings.has('fonts.embedded')) {
    findings.note(
      'fonts.embedded',
      count === 0
        ? 'Die Datei verwendet keine Schriften.'
        : `Alle ${count} verwendeten Schriften sind eingebettet.`,
      `${count} font(s) checked`,
    );
  }
}
