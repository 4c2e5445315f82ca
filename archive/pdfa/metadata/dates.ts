/**
 * Date forms of the Info dictionary (`D:YYYYMMDDHHmmSSZ`) and of XMP (ISO 8601). Both are written in UTC
 * without fractions so the two always name the same instant, which PDF/A requires.
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function pdfDate(date: Date): string {
  return (
    `D:${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  );
}

export function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Reads a PDF date string; missing parts default as ISO 32000 says. Null when it is not a date. */
export function parsePdfDate(text: string): Date | null {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(
    text.trim(),
  );
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', , sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  const result = new Date(utc - offset * 60_000);
  return Number.isNaN(result.getTime()) ? null : result;
}

/** Reads an XMP date (ISO 8601 with optional time, fraction and offset). Null when it is not a date. */
export function parseXmpDate(text: string): Date | null {
  const m =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(
      text.trim(),
    );
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zone] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${zone ?? 'Z'}`;
  const result = new Date(iso);
  return Number.isNaN(result.getTime()) ? null : result;
}
