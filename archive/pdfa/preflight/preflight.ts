import type { PDFDict } from 'pdf-lib';
import { AppError } from '../../../contract/app-error';
import { checkActions, checkEmbeddedFiles } from './checks/action-checks';
import { checkColorSpaces, checkOutputIntent } from './checks/color-checks';
import { checkEncryption, checkHeader, checkStructure, checkTrailerId } from './checks/file-checks';
import { checkFontsEmbedded } from './checks/font-checks';
import { checkGraphicsRestrictions, checkTransparency } from './checks/graphics-checks';
import type { Inspected } from './checks/inspected';
import { checkInfoConsistency, checkXmp, type Claim } from './checks/metadata-checks';
import { checkForms, checkStreamFilters } from './checks/stream-checks';
import { Findings } from './findings';
import { allDicts, type FoundDict } from './inspect/all-dicts';
import { collectInventory } from './inspect/inventory';
import { latin1, parsePdf, type ParsedPdf } from './parse/parse-pdf';
import {
  WorkBudget,
  WorkLimitExceeded,
  defaultPreflightLimits,
  type PreflightLimits,
} from './parse/work-budget';
import { CHECKS, type CheckId, type PreflightReport } from './report';

const LIMIT_TEXT: Record<keyof PreflightLimits, string> = {
  maxFileBytes: 'die Datei ist zu groß',
  maxObjects: 'die Datei enthält zu viele Objekte',
  maxStreamBytes: 'ein Datenstrom entpackt zu groß',
  maxDecodedBytes: 'die entpackten Daten sind insgesamt zu groß',
  maxVisits: 'die Datei ist zu umfangreich verschachtelt',
  maxDepth: 'die Datei ist zu tief verschachtelt',
};

interface Step {
  readonly covers: readonly CheckId[];
  readonly run: () => void;
}

/**
 * Checks a file against PDF/A-2b as far as this is possible without rendering. Non-conformance is the
 * report's business; only input that is not a PDF at all, or has no readable catalog, throws an AppError.
 * Work is bounded by `limits`: when a bound is hit the report says so and the unchecked rules stay open.
 */
export function preflightPdfA(bytes: Uint8Array, limits: Partial<PreflightLimits> = {}): PreflightReport {
  const budget = new WorkBudget({ ...defaultPreflightLimits, ...limits });
  if (!latin1(bytes.subarray(0, 1024)).includes('%PDF-')) {
    throw new AppError('pdfa.not_a_pdf', {}, 'preflight input has no %PDF- header');
  }
  const findings = new Findings();
  if (bytes.length > budget.limits.maxFileBytes) {
    return limitReport(findings, new WorkLimitExceeded('maxFileBytes'), ['file.work_limits'], null);
  }
  let parsed: ParsedPdf;
  try {
    parsed = parsePdf(bytes, budget);
  } catch (e) {
    if (e instanceof WorkLimitExceeded) return limitReport(findings, e, ['file.work_limits'], null);
    throw e;
  }
  checkHeader(parsed, findings);
  checkStructure(parsed, findings);
  checkTrailerId(parsed, findings);
  const encrypted = checkEncryption(parsed, findings);
  const done: CheckId[] = ['file.work_limits', 'file.header', 'file.structure', 'file.id', 'file.encryption'];
  const catalog = parsed.catalog;
  if (!catalog) {
    if (!encrypted)
      throw new AppError('pdfa.unreadable', { reason: 'Dokumentkatalog fehlt' }, 'no document catalog found');
    markUnchecked(
      findings,
      done,
      'Nicht prüfbar, da die Datei verschlüsselt ist.',
      'not checkable: encrypted and catalog unreadable',
    );
    return report(findings, null, null);
  }

  let claim: Claim | null = null;
  let pageCount: number | null = null;
  try {
    const pdf = inspect(parsed, catalog, budget, encrypted);
    pageCount = pdf.inventory.pageCount;
    let outputComponents: number | undefined;
    let xmpFacts: ReturnType<typeof checkXmp>['facts'] = null;
    const steps: Step[] = [
      {
        covers: ['metadata.xmp'],
        run: () => {
          const xmp = checkXmp(pdf, findings);
          claim = xmp.claim;
          xmpFacts = xmp.facts;
        },
      },
      { covers: ['metadata.consistency'], run: () => checkInfoConsistency(pdf, xmpFacts, findings) },
      { covers: ['color.output_intent'], run: () => (outputComponents = checkOutputIntent(pdf, findings)) },
      { covers: ['color.spaces'], run: () => checkColorSpaces(pdf, outputComponents, findings) },
      { covers: ['fonts.embedded'], run: () => checkFontsEmbedded(pdf, findings) },
      { covers: ['actions.javascript', 'actions.forbidden'], run: () => checkActions(pdf, findings) },
      { covers: ['files.embedded'], run: () => checkEmbeddedFiles(pdf, findings) },
      {
        covers: ['graphics.transparency'],
        run: () => checkTransparency(pdf, outputComponents !== undefined, findings),
      },
      { covers: ['graphics.restrictions'], run: () => checkGraphicsRestrictions(pdf, findings) },
      { covers: ['streams.filters'], run: () => checkStreamFilters(pdf, findings) },
      { covers: ['forms.appearances'], run: () => checkForms(pdf, findings) },
    ];
    for (const step of steps) {
      step.run();
      done.push(...step.covers);
    }
  } catch (e) {
    if (e instanceof WorkLimitExceeded) return limitReport(findings, e, done, claim, pageCount);
    throw e;
  }
  return report(findings, claim, pageCount);
}

function inspect(parsed: ParsedPdf, catalog: PDFDict, budget: WorkBudget, encrypted: boolean): Inspected {
  const inventory = collectInventory(parsed.context, catalog, budget);
  let dicts: readonly FoundDict[] | undefined;
  const allOnce = () => (dicts ??= [...allDicts(parsed.context, budget)]);
  return { parsed, context: parsed.context, catalog, inventory, budget, encrypted, dicts: allOnce };
}

function markUnchecked(findings: Findings, done: readonly CheckId[], de: string, en: string): void {
  for (const id of Object.keys(CHECKS) as CheckId[]) {
    if (!done.includes(id)) findings.warning(id, de, en);
  }
}

function limitReport(
  findings: Findings,
  limit: WorkLimitExceeded,
  done: readonly CheckId[],
  claim: Claim | null,
  pageCount: number | null = null,
): PreflightReport {
  findings.error(
    'file.work_limits',
    `Die Prüfung wurde abgebrochen: ${LIMIT_TEXT[limit.limit]}.`,
    `work limit ${limit.limit} reached`,
  );
  markUnchecked(
    findings,
    done,
    'Nicht geprüft, weil die Prüfung abgebrochen wurde.',
    'not checked: preflight stopped at a work limit',
  );
  return report(findings, claim, pageCount);
}

function report(findings: Findings, claim: Claim | null, pageCount: number | null): PreflightReport {
  const checks = findings.results();
  return { conforming: checks.every((c) => c.status !== 'error'), claimed: claim, pageCount, checks };
}
