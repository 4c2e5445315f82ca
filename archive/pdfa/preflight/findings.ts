import { CHECKS, type CheckId, type CheckResult, type CheckStatus } from './report';

const RANK: Record<CheckStatus, number> = { ok: 0, warning: 1, error: 2 };
const MAX_REASONS = 5;
const MAX_DETAILS = 20;

interface Finding {
  readonly status: CheckStatus;
  readonly de: string;
  readonly en: string;
}

/** Collects findings per check while the checks run, and folds them into one result per check. */
export class Findings {
  private readonly byCheck = new Map<CheckId, Finding[]>();

  add(id: CheckId, status: CheckStatus, de: string, en: string): void {
    const list = this.byCheck.get(id) ?? [];
    list.push({ status, de, en });
    this.byCheck.set(id, list);
  }

  error(id: CheckId, de: string, en: string): void {
    this.add(id, 'error', de, en);
  }

  warning(id: CheckId, de: string, en: string): void {
    this.add(id, 'warning', de, en);
  }

  /** An ok result that still says something (e.g. transparency that PDF/A-2 allows). */
  note(id: CheckId, de: string, en: string): void {
    this.add(id, 'ok', de, en);
  }

  has(id: CheckId, status: CheckStatus = 'error'): boolean {
    return (this.byCheck.get(id) ?? []).some((f) => f.status === status);
  }

  results(): CheckResult[] {
    return (Object.keys(CHECKS) as CheckId[]).map((id) => {
      const list = this.byCheck.get(id) ?? [];
      const status = list.reduce<CheckStatus>(
        (worst, f) => (RANK[f.status] > RANK[worst] ? f.status : worst),
        'ok',
      );
      const reason = summarize(
        list.filter((f) => f.status === status).map((f) => f.de),
        MAX_REASONS,
        (n) => `… und ${n} weitere`,
      );
      return {
        id,
        title: CHECKS[id],
        status,
        reason: reason || 'Keine Beanstandung.',
        detail: summarize(
          list.map((f) => `${f.status}: ${f.en}`),
          MAX_DETAILS,
          (n) => `… and ${n} more`,
        ),
      };
    });
  }
}

function summarize(items: readonly string[], max: number, more: (n: number) => string): string {
  const unique = [...new Set(items)];
  const shown = unique.slice(0, max);
  if (unique.length > max) shown.push(more(unique.length - max));
  return shown.join('; ');
}
