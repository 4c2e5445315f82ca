/**
 * The city's Aktenzeichen: Aktenplan number, running number per position and year, year.
 * `32.10.02-0042/2025` for an Akte, `32.10.02-0042/2025-03` for its third Vorgang.
 */
export const formatAkteAktenzeichen = (planNumber: string, runningNo: number, year: number): string =>
  `${planNumber}-${String(runningNo).padStart(4, '0')}/${year}`;

export const formatVorgangAktenzeichen = (akteAktenzeichen: string, runningNo: number): string =>
  `${akteAktenzeichen}-${String(runningNo).padStart(2, '0')}`;

const AKTE = /^(\d{2}(?:\.\d{2})*)-(\d{4,})\/(\d{4})(?:-(\d{2,}))?$/;

export interface ParsedAktenzeichen {
  planNumber: string;
  runningNo: number;
  year: number;
  vorgangNo: number | null;
}

export function parseAktenzeichen(value: string): ParsedAktenzeichen | null {
  const m = AKTE.exec(value.trim());
  if (!m) return null;
  return {
    planNumber: m[1]!,
    runningNo: Number(m[2]),
    year: Number(m[3]),
    vorgangNo: m[4] ? Number(m[4]) : null,
  };
}
