/**
 * Retention starts at the end of the calendar year in which the file was closed (zdA), as is usual in
 * German records management; a file closed on 2020-03-15 with 10 years may go on 2031-01-01.
 */
export function retentionExpiresOn(zdaAt: string, retentionYears: number): string {
  const year = Number(zdaAt.slice(0, 4));
  return `${year + retentionYears + 1}-01-01`;
}

export const isRetentionExpired = (zdaAt: string, retentionYears: number, today: string): boolean =>
  retentionExpiresOn(zdaAt, retentionYears) <= today;
