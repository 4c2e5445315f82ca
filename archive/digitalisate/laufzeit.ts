import { AppError } from '../../contract/app-error';

/** A Laufzeit as archives write it: one year, or `von-bis` (hyphen or en dash), normalised to `1890-1912`. */
export function normaliseLaufzeit(raw: string): string {
  const m = /^(\d{4})(?:\s*[-–]\s*(\d{4}))?$/.exec(raw.trim());
  if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1])))
    throw new AppError('digitalisate.bad_laufzeit', { laufzeit: raw }, 'invalid Laufzeit');
  return m[2] === undefined || m[2] === m[1] ? m[1]! : `${m[1]}-${m[2]}`;
}
