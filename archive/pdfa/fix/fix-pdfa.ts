import { PDFWriter } from 'pdf-lib';
import { parsePdfDate } from '../metadata/dates';
import type { PdfAMetadata } from '../metadata/pdfa-metadata';
import { dictOf, get, textOf } from '../preflight/inspect/pdf-values';
import { parsePdf } from '../preflight/parse/parse-pdf';
import { WorkBudget, defaultPreflightLimits } from '../preflight/parse/work-budget';
import { preflightPdfA } from '../preflight/preflight';
import { failedChecks, type CheckId, type PreflightReport } from '../preflight/report';
import { applyPdfAStructures } from '../write/pdfa-structures';
import { dropUnreachable, hasSignature, removeForbiddenActions } from './repairs';

export type FixResult =
  /** Already PDF/A-2b: the bytes are returned unchanged. */
  | { readonly status: 'conforming'; readonly bytes: Uint8Array; readonly report: PreflightReport }
  /** Repaired and re-checked; `changes` lists what was done (German). */
  | {
      readonly status: 'fixed';
      readonly bytes: Uint8Array;
      readonly report: PreflightReport;
      readonly changes: readonly string[];
    }
  /** Not convertible here; `reasons` are German, one per rule that stays broken. */
  | {
      readonly status: 'not_convertible';
      readonly reasons: readonly string[];
      readonly report: PreflightReport;
    };

export interface FixOptions {
  /** Used where the file's Info dictionary has no value (title, author, dates, ids). */
  readonly metadata?: Partial<PdfAMetadata>;
  /** Time of the repair, the new modification date. */
  readonly now?: () => Date;
}

/**
 * Rules a rewrite may satisfy without changing what the pages show. Colour spaces and transparency count
 * because an added output intent can settle them; the final preflight decides whether it did.
 */
const REPAIRABLE: ReadonlySet<CheckId> = new Set([
  'file.header',
  'file.structure',
  'file.id',
  'metadata.xmp',
  'metadata.consistency',
  'color.output_intent',
  'color.spaces',
  'graphics.transparency',
  'actions.javascript',
  'actions.forbidden',
]);

const notConvertible = (report: PreflightReport, reasons: string[]): FixResult => ({
  status: 'not_convertible',
  reasons: reasons.map((r) => `nicht konvertierbar: ${r}`),
  report,
});

/**
 * Makes a PDF PDF/A-2b where that needs no change to the page content: new XMP, Info, sRGB output intent
 * and trailer /ID, JavaScript and forbidden actions removed, clean header and end of file. Missing fonts,
 * encryption, LZW data, attachments, transparency problems, damaged structure and signed files are
 * reported, not converted. The result is preflighted again before it is called fixed.
 */
export async function fixPdfA(bytes: Uint8Array, options: FixOptions = {}): Promise<FixResult> {
  const before = preflightPdfA(bytes);
  if (before.conforming) return { status: 'conforming', bytes, report: before };

  const failed = failedChecks(before);
  const blocking = failed.filter((c) => !REPAIRABLE.has(c.id));
  if (blocking.length > 0)
    return notConvertible(
      before,
      blocking.map((c) => `${c.title}: ${c.reason}`),
    );

  const budget = new WorkBudget(defaultPreflightLimits);
  const parsed = parsePdf(bytes, budget);
  const { context, catalog } = parsed;
  // A partly unreadable or truncated file would lose its damaged parts in a rewrite; data after %%EOF is harmless.
  if (!catalog || parsed.problems.length > 0 || parsed.bytesAfterEof === null) {
    return notConvertible(before, [
      'Dateistruktur: Die Datei ist beschädigt; eine Umwandlung könnte Inhalte verlieren.',
    ]);
  }
  if (hasSignature(context, budget)) {
    return notConvertible(before, [
      'Die Datei ist elektronisch signiert; eine Umwandlung würde die Signatur ungültig machen.',
    ]);
  }

  const changes: string[] = [];
  if (failed.some((c) => c.id === 'actions.javascript' || c.id === 'actions.forbidden')) {
    const removed = removeForbiddenActions(context, catalog, budget);
    changes.push(`${removed} unzulässige Aktion(en) bzw. JavaScript entfernt`);
  }
  const info = dictOf(context, context.trailerInfo.Info);
  const infoText = (key: string) => (info ? textOf(context, get(info, key)) : undefined);
  const infoDate = (key: string) => {
    const text = infoText(key);
    return text === undefined ? undefined : (parsePdfDate(text) ?? undefined);
  };
  const now = (options.now ?? (() => new Date()))();
  const defaults = options.metadata ?? {};
  const keywords = infoText('Keywords');
  applyPdfAStructures(context, catalog, {
    ...defaults,
    title: infoText('Title') ?? defaults.title ?? '',
    author: infoText('Author') ?? defaults.author,
    subject: infoText('Subject') ?? defaults.subject,
    keywords: keywords !== undefined ? [keywords] : defaults.keywords,
    creatorTool: infoText('Creator') ?? defaults.creatorTool,
    createdAt: infoDate('CreationDate') ?? defaults.createdAt ?? infoDate('ModDate') ?? now,
    modifiedAt: defaults.modifiedAt ?? now,
  });
  changes.push('XMP-Metadaten, Dokumentinformationen, Ausgabebedingung (sRGB) und Dateikennung geschrieben');
  const dropped = dropUnreachable(context, budget);
  if (dropped > 0) changes.push(`${dropped} nicht mehr verwendete Objekt(e) entfernt`);

  const fixed = await PDFWriter.forContext(context, Number.POSITIVE_INFINITY).serializeToBuffer();
  const after = preflightPdfA(fixed);
  if (!after.conforming) {
    return notConvertible(
      after,
      failedChecks(after).map((c) => `${c.title}: ${c.reason}`),
    );
  }
  return { status: 'fixed', bytes: fixed, report: after, changes };
}
