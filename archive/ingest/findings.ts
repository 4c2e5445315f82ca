/** Per-object outcome of the ingest checks: the worst finding decides. */
export type Status = 'ok' | 'warning' | 'error';

export interface Finding {
  readonly status: Exclude<Status, 'ok'>;
  /** Stable English key, e.g. `file_missing`; the UI maps it to German text. */
  readonly code: string;
  /** Short detail in English without personal data (file name, check id, numbers). */
  readonly detail?: string;
}

const rank: Record<Status, number> = { ok: 0, warning: 1, error: 2 };

export const worst = (statuses: readonly Status[]): Status =>
  statuses.reduce<Status>((a, b) => (rank[b] > rank[a] ? b : a), 'ok');

export const statusOf = (findings: readonly Finding[]): Status => worst(findings.map((f) => f.status));
