/** Dates in German texts are local to the city's time zone, e.g. "23.11.2026, 09:00 Uhr". */
export const germanDateTime = (d: Date, timeZone = 'Europe/Berlin'): string =>
  `${new Intl.DateTimeFormat('de-DE', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d)} Uhr`;
