/** German texts of the document viewer (kept beside it; the shared `de` holds the app-wide ones). */
export const t = {
  label: (fileName: string) => `Dokumentansicht ${fileName}`,
  toolbar: 'Seiten und Zoom',
  previous: 'Vorherige Seite',
  next: 'Nächste Seite',
  pageInput: 'Seite',
  pageOf: (n: number) => `von ${n}`,
  zoomOut: 'Verkleinern',
  zoomIn: 'Vergrößern',
  zoomReset: 'Zoom 100 %',
  zoom: (percent: number) => `${percent} %`,
  thumbnails: 'Seitenübersicht',
  thumbnail: (n: number) => `Seite ${n}`,
  page: (n: number, of: number) => `Seite ${n} von ${of}`,
  hits: (count: number, pages: readonly number[]) =>
    count === 0
      ? 'Der Suchbegriff kommt auf keiner Seite vor.'
      : `${count} Treffer auf ${pages.length === 1 ? 'Seite' : 'Seiten'} ${pages.join(', ')}`,
  nextHit: 'Nächste Trefferseite',
  showVersion: (n: number) => `Version ${n} anzeigen`,
  versionShown: 'wird angezeigt',
  hitsLoading: 'Treffer werden gesucht …',
  hitMark: 'mit Treffern',
  loading: 'Dokument wird geladen …',
  failed:
    'Das Dokument kann hier nicht angezeigt werden (die Datei ist beschädigt oder kein lesbares PDF). Bitte laden Sie es herunter und öffnen Sie es mit einem PDF-Programm.',
  keys: 'Tastatur: Bild↓/→ nächste Seite, Bild↑/← vorherige, Pos1/Ende erste/letzte, + / − Zoom, 0 Zoom 100 %, T nächste Trefferseite',
} as const;
