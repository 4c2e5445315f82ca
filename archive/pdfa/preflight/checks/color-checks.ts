import { PDFArray, PDFName, type PDFObject } from 'pdf-lib';
import type { Findings } from '../findings';
import { decodeStream } from '../parse/decode-stream';
import { arrayOf, dictOf, get, nameOf, numberOf, resolve, streamOf } from '../inspect/pdf-values';
import type { Inspected } from './inspected';

const COMPONENTS: Record<string, number> = { 'RGB ': 3, GRAY: 1, CMYK: 4 };

/**
 * PDF/A-2 6.2.3: a GTS_PDFA1 output intent whose DestOutputProfile is an ICC profile (output or display
 * class, version below 5) with /N matching the profile; several output intents must share one profile.
 * Returns the number of colour components of the output intent, for the colour space check.
 */
export function checkOutputIntent(pdf: Inspected, findings: Findings): number | undefined {
  const { context } = pdf;
  const intents = arrayOf(context, get(pdf.catalog, 'OutputIntents'))?.asArray() ?? [];
  const pdfa = intents
    .map((i) => dictOf(context, i))
    .filter((d) => d && nameOf(context, get(d, 'S')) === 'GTS_PDFA1');
  if (pdfa.length === 0) {
    findings.error(
      'color.output_intent',
      'Die PDF/A-Ausgabebedingung (Output Intent) fehlt.',
      'no OutputIntent with /S /GTS_PDFA1',
    );
    return undefined;
  }
  const profiles = new Set(
    pdfa.map((d) => resolve(context, get(d!, 'DestOutputProfile'))).filter((p) => p !== undefined),
  );
  if (profiles.size > 1) {
    findings.error(
      'color.output_intent',
      'Mehrere Ausgabebedingungen mit verschiedenen Farbprofilen.',
      'output intents reference different profiles',
    );
  }
  const profile = streamOf(context, get(pdfa[0]!, 'DestOutputProfile'));
  if (!profile) {
    findings.error(
      'color.output_intent',
      'Der Ausgabebedingung fehlt das eingebettete ICC-Farbprofil.',
      'GTS_PDFA1 output intent without DestOutputProfile stream',
    );
    return undefined;
  }
  const n = numberOf(context, get(profile.dict, 'N'));
  if (pdf.encrypted) {
    findings.error(
      'color.output_intent',
      'Das Farbprofil ist verschlüsselt und nicht prüfbar.',
      'file is encrypted',
    );
    return n;
  }
  const decoded = decodeStream(profile, pdf.budget);
  if (!decoded.ok) {
    findings.error(
      'color.output_intent',
      'Das ICC-Farbprofil ist nicht lesbar.',
      `DestOutputProfile: ${decoded.problem}`,
    );
    return n;
  }
  const icc = decoded.bytes;
  const ascii = (from: number) => String.fromCharCode(...icc.subarray(from, from + 4));
  if (icc.length < 132 || ascii(36) !== 'acsp') {
    findings.error(
      'color.output_intent',
      'Das eingebettete Farbprofil ist kein ICC-Profil.',
      'DestOutputProfile lacks the acsp signature',
    );
    return n;
  }
  const declaredSize = new DataView(icc.buffer, icc.byteOffset, icc.length).getUint32(0);
  if (declaredSize !== icc.length) {
    findings.warning(
      'color.output_intent',
      'Die Größenangabe im ICC-Profil stimmt nicht.',
      `ICC header size ${declaredSize}, stream holds ${icc.length} bytes`,
    );
  }
  const major = icc[8]!;
  if (major >= 5) {
    findings.error(
      'color.output_intent',
      `Das ICC-Profil hat Version ${major}; PDF/A-2 erlaubt höchstens Version 4.`,
      `ICC major version ${major}`,
    );
  }
  const deviceClass = ascii(12);
  if (deviceClass !== 'prtr' && deviceClass !== 'mntr') {
    findings.error(
      'color.output_intent',
      'Das ICC-Profil ist weder ein Drucker- noch ein Monitorprofil.',
      `ICC device class ${deviceClass}`,
    );
  }
  const space = ascii(16);
  const expected = COMPONENTS[space];
  if (expected === undefined) {
    findings.error(
      'color.output_intent',
      'Der Farbraum des ICC-Profils ist für PDF/A ungeeignet.',
      `ICC colour space ${space}`,
    );
    return n;
  }
  if (n !== expected) {
    findings.error(
      'color.output_intent',
      'Die Kanalzahl (/N) passt nicht zum ICC-Profil.',
      `/N ${n ?? 'missing'} but profile colour space ${space.trim()}`,
    );
  }
  return expected;
}

function deviceSpaces(pdf: Inspected, value: PDFObject | undefined, out: Set<string>, depth = 0): void {
  if (depth > 4) return;
  const resolved = resolve(pdf.context, value);
  if (resolved instanceof PDFName) {
    const name = resolved.decodeText();
    if (name === 'DeviceRGB' || name === 'DeviceCMYK' || name === 'DeviceGray') out.add(name);
    return;
  }
  if (!(resolved instanceof PDFArray)) return;
  const family = nameOf(pdf.context, resolved.get(0));
  // Indexed bases, Separation/DeviceN alternates and pattern underlying spaces can hide device spaces.
  if (family === 'Indexed' || family === 'Pattern') deviceSpaces(pdf, resolved.get(1), out, depth + 1);
  if (family === 'Separation') deviceSpaces(pdf, resolved.get(2), out, depth + 1);
  if (family === 'DeviceN') deviceSpaces(pdf, resolved.get(2), out, depth + 1);
}

/**
 * PDF/A-2 6.2.4.3: device colour spaces only where the output intent matches them. Checked for colour
 * spaces named in resources, images and shadings; colour operators inside content streams (rg, k) are
 * not parsed.
 */
export function checkColorSpaces(
  pdf: Inspected,
  outputComponents: number | undefined,
  findings: Findings,
): void {
  const used = new Map<string, string>();
  for (const { value, where } of pdf.inventory.colorSpaces) {
    const spaces = new Set<string>();
    deviceSpaces(pdf, value, spaces);
    for (const space of spaces) if (!used.has(space)) used.set(space, where);
  }
  const allowed =
    outputComponents === 3
      ? ['DeviceRGB', 'DeviceGray']
      : outputComponents === 4
        ? ['DeviceCMYK', 'DeviceGray']
        : outputComponents === 1
          ? ['DeviceGray']
          : [];
  for (const [space, where] of used) {
    if (outputComponents === undefined || !allowed.includes(space)) {
      findings.error(
        'color.spaces',
        `Der geräteabhängige Farbraum ${space} passt nicht zur Ausgabebedingung.`,
        `${space} at ${where} without a matching output intent`,
      );
    }
  }
  findings.note(
    'color.spaces',
    'Farbangaben in Inhaltsströmen (Operatoren) wurden nicht geprüft.',
    'content stream colour operators not inspected',
  );
}
