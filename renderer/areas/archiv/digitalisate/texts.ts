import type { DigitalisatPage } from '../../../../contract/methods/digitalisate';

/** German texts of the archive's Digitalisate screens; error texts come from the core. */
export const t = {
  nav: 'Digitalisate',
  title: 'Digitalisate',
  intro:
    'Eigene Scans des Stadtarchivs: Verzeichnungseinheiten anlegen, die gescannten Seiten verlustfrei (TIFF oder PNG) als Master übernehmen und für DiPS.kommunal verpacken.',
  fields: {
    bestand: 'Bestand',
    signatur: 'Signatur',
    titel: 'Titel',
    laufzeit: 'Laufzeit',
    provenienz: 'Provenienz',
  },
  create: {
    title: 'Verzeichnungseinheit anlegen',
    laufzeitHint: 'Ein Jahr oder ein Zeitraum, z. B. 1890-1912',
    submit: 'Anlegen',
  },
  list: {
    title: 'Verzeichnungseinheiten',
    none: 'Noch keine Digitalisate.',
    pages: 'Seiten',
    packaged: 'Verpackt',
  },
  detail: {
    back: 'Alle Digitalisate',
    pagesTitle: 'Seiten',
    noPages: 'Noch keine Seiten. Gescannte Dateien unten hinzufügen.',
    page: 'Seite',
    preview: 'Vorschau',
    previewAlt: (n: number) => `Vorschau von Seite ${n}`,
    noPreview: 'keine Vorschau',
    file: 'Datei',
    format: 'Format',
    pixels: 'Pixel',
    resolution: 'Auflösung',
    colour: 'Farbe',
    checksum: 'SHA-256',
    dpi: (dpi: number | null) => (dpi === null ? 'nicht angegeben' : `${dpi} dpi`),
    colours: { bitonal: 'bitonal', grey: 'Graustufen', colour: 'Farbe' } satisfies Record<DigitalisatPage['colour'], string>,
  },
  add: {
    title: 'Gescannte Seiten hinzufügen',
    files: 'Scans (TIFF oder PNG, mehrere möglich)',
    path: 'oder Pfad auf diesem Rechner (Datei oder Ordner eines Scanstapels)',
    chooseFolder: 'Scanordner wählen',
    submit: 'Seiten hinzufügen',
    pending: 'Wird übernommen …',
    added: (n: number) => `${n} ${n === 1 ? 'Seite' : 'Seiten'} übernommen.`,
    rejected: 'Nicht übernommen:',
  },
  pack: {
    title: 'Für DiPS.kommunal verpacken',
    hint: 'BagIt-Paket mit den Mastern, einer durchsuchbaren PDF/A-Nutzungskopie, METS und PREMIS.',
    outDir: 'Zielordner (leer: Magazin des Archivs)',
    chooseOutDir: 'Ordner wählen',
    submit: 'Verpacken',
    pending: 'Wird verpackt …',
    done: (path: string, files: number) => `Paket geschrieben: ${path} (${files} Dateien).`,
    repeated: (path: string) => `Unverändert, bereits verpackt: ${path}`,
  },
};
