/** The preflight's answer: one result per check, in a fixed order, with German reasons and English details. */

export type CheckStatus = 'ok' | 'warning' | 'error';

export const CHECKS = {
  'file.header': 'Dateikopf',
  'file.structure': 'Dateistruktur',
  'file.work_limits': 'Prüfaufwand',
  'file.encryption': 'Verschlüsselung',
  'file.id': 'Dateikennung (/ID)',
  'metadata.xmp': 'XMP-Metadaten',
  'metadata.consistency': 'Übereinstimmung von Dokumentinfo und XMP',
  'color.output_intent': 'Ausgabebedingung (Output Intent)',
  'color.spaces': 'Farbräume',
  'fonts.embedded': 'Eingebettete Schriften',
  'actions.javascript': 'JavaScript',
  'actions.forbidden': 'Unzulässige Aktionen',
  'files.embedded': 'Eingebettete Dateien',
  'graphics.transparency': 'Transparenz',
  'graphics.restrictions': 'Grafikeinschränkungen',
  'streams.filters': 'Filter und externe Datenströme',
  'forms.appearances': 'Formularfelder',
} as const;

export type CheckId = keyof typeof CHECKS;

export interface CheckResult {
  readonly id: CheckId;
  /** German name of the check. */
  readonly title: string;
  readonly status: CheckStatus;
  /** German, for the clerk or archivist. */
  readonly reason: string;
  /** English, for logs and support; object numbers and names, never document text. */
  readonly detail: string;
}

export interface PreflightReport {
  /** No check has status error. */
  readonly conforming: boolean;
  /** What the XMP claims, e.g. { part: 2, conformance: 'B' }; null when nothing readable is claimed. */
  readonly claimed: { readonly part: number; readonly conformance: string } | null;
  readonly pageCount: number | null;
  readonly checks: readonly CheckResult[];
}

export const failedChecks = (report: PreflightReport): CheckResult[] =>
  report.checks.filter((c) => c.status === 'error');

export const checkResult = (report: PreflightReport, id: CheckId): CheckResult =>
  report.checks.find((c) => c.id === id)!;
