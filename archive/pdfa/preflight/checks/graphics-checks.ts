import { PDFBool } from 'pdf-lib';
import type { Findings } from '../findings';
import { dictOf, get, nameOf, numberOf, oneOrMany, resolve } from '../inspect/pdf-values';
import type { Inspected } from './inspected';

/** PDF/A-2 6.2.10.4: the separable and non-separable blend modes of ISO 32000-1; anything else is forbidden. */
const BLEND_MODES = new Set([
  'Normal',
  'Compatible',
  'Multiply',
  'Screen',
  'Overlay',
  'Darken',
  'Lighten',
  'ColorDodge',
  'ColorBurn',
  'HardLight',
  'SoftLight',
  'Difference',
  'Exclusion',
  'Hue',
  'Saturation',
  'Color',
  'Luminosity',
]);

/**
 * PDF/A-2 allows transparency (soft masks, constant alpha, blend modes, groups), unlike PDF/A-1. What can be
 * wrong: unknown blend modes, and transparency without a blending colour space, i.e. neither an output
 * intent nor a page group /CS. Usage is listed so an archive can see it.
 */
export function checkTransparency(pdf: Inspected, hasOutputIntent: boolean, findings: Findings): void {
  const { context, inventory } = pdf;
  const uses: string[] = [];
  for (const { value: gs, where } of inventory.extGStates) {
    for (const mode of oneOrMany(context, get(gs, 'BM'))) {
      const name = nameOf(context, mode);
      if (name === undefined || !BLEND_MODES.has(name)) {
        findings.error(
          'graphics.transparency',
          `Unzulässiger Füllmodus (${name ?? '?'}).`,
          `blend mode ${name ?? 'non-name'} at ${where}`,
        );
      } else if (name !== 'Normal' && name !== 'Compatible') uses.push(`blend mode ${name} at ${where}`);
    }
    const smask = resolve(context, get(gs, 'SMask'));
    if (smask !== undefined && nameOf(context, smask) !== 'None') uses.push(`soft mask at ${where}`);
    for (const key of ['CA', 'ca']) {
      const alpha = numberOf(context, get(gs, key));
      if (alpha !== undefined && alpha < 1) uses.push(`/${key} ${alpha} at ${where}`);
    }
  }
  for (const { value: image, where } of inventory.images) {
    if (get(image, 'SMask') !== undefined) uses.push(`image soft mask at ${where}`);
    const inData = numberOf(context, get(image, 'SMaskInData'));
    if (inData !== undefined && inData !== 0) uses.push(`JPEG 2000 SMaskInData at ${where}`);
  }
  const transparencyGroups = inventory.groups.filter(
    (g) => nameOf(context, get(g.value, 'S')) === 'Transparency',
  );
  for (const g of transparencyGroups) uses.push(`transparency group at ${g.where}`);

  if (uses.length > 0 && !hasOutputIntent) {
    for (const page of inventory.pages) {
      const group = dictOf(context, get(page.value, 'Group'));
      if (!group || get(group, 'CS') === undefined) {
        findings.error(
          'graphics.transparency',
          'Transparenz ohne Farbraum zum Verrechnen (weder Ausgabebedingung noch Seitengruppe mit /CS).',
          `transparency used, no output intent and no group /CS on ${page.where}`,
        );
        break;
      }
    }
  }
  if (uses.length > 0) {
    findings.note(
      'graphics.transparency',
      'Die Datei verwendet Transparenz; PDF/A-2 erlaubt das.',
      uses.slice(0, 10).join('; '),
    );
  }
}

/** PDF/A-2 6.2.5, 6.2.8, 6.2.9: graphics features archives cannot rely on. */
export function checkGraphicsRestrictions(pdf: Inspected, findings: Findings): void {
  const { context, inventory } = pdf;
  const forbid = (de: string, en: string) => findings.error('graphics.restrictions', de, en);
  for (const { value: image, where } of inventory.images) {
    if (resolve(context, get(image, 'Interpolate')) === PDFBool.True) {
      forbid('Ein Bild verlangt Interpolation (/Interpolate true).', `/Interpolate true at ${where}`);
    }
    if (get(image, 'Alternates') !== undefined)
      forbid('Ein Bild hat Alternativbilder (/Alternates).', `/Alternates at ${where}`);
    if (get(image, 'OPI') !== undefined) forbid('Ein Bild hat OPI-Verweise.', `/OPI at ${where}`);
  }
  for (const { value: form, where } of inventory.forms) {
    if (get(form, 'OPI') !== undefined) forbid('Ein Formular-XObject hat OPI-Verweise.', `/OPI at ${where}`);
    if (get(form, 'Ref') !== undefined)
      forbid(
        'Die Datei verweist auf Seiten einer anderen Datei (Referenz-XObject).',
        `reference XObject at ${where}`,
      );
    if (nameOf(context, get(form, 'Subtype2')) === 'PS' || get(form, 'PS') !== undefined) {
      forbid('Die Datei enthält PostScript-Fragmente.', `PostScript in form at ${where}`);
    }
  }
  for (const { value: gs, where } of inventory.extGStates) {
    if (get(gs, 'TR') !== undefined)
      forbid('Die Datei verwendet Transferfunktionen (/TR).', `/TR at ${where}`);
    const tr2 = get(gs, 'TR2');
    if (tr2 !== undefined && nameOf(context, tr2) !== 'Default')
      forbid('Die Datei verwendet Transferfunktionen (/TR2).', `/TR2 at ${where}`);
    if (get(gs, 'HTP') !== undefined)
      forbid('Die Datei verwendet Rasterpunkt-Vorgaben (/HTP).', `/HTP at ${where}`);
  }
}
